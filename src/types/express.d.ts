// Request fields added by our middleware.
declare global {
  namespace Express {
    interface AuthUser {
      id: string;
      role: 'user' | 'admin';
      jti: string;
      tokenVersion: number;
      email?: string;
      exp?: number;
    }
    interface Request {
      id: string;
      user?: AuthUser;
      token?: string;
    }
  }
}

export {};
