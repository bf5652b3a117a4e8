import { config } from '../config';
import { connectMongo, disconnectMongo } from '../infra/mongo';
import { closeRedis } from '../infra/redis';
import { USER_ROLES, type UserRole } from '../modules/users/user.model';
import { setUserRole } from '../modules/users/user.service';
import { refreshAuthState } from '../modules/auth/token.service';

/**
 * Makes a user an admin (or back a user):
 *
 *   npm run user:promote -- alice@example.com
 *   npm run user:promote -- alice@example.com --role user
 *
 * Uses MONGODB_URI / REDIS_URL like the api. The role takes effect on the user's next request
 * (the cached auth state is refreshed).
 */
export interface PromoteArgs {
  email: string;
  role: UserRole;
}

export function parsePromoteArgs(argv: string[]): PromoteArgs {
  const args = [...argv];
  let role: UserRole = 'admin';
  const roleAt = args.findIndex((a) => a === '--role' || a.startsWith('--role='));
  if (roleAt >= 0) {
    const value = args[roleAt].includes('=') ? args[roleAt].split('=')[1] : args[roleAt + 1];
    if (!USER_ROLES.includes(value as UserRole))
      throw new Error(`--role must be one of: ${USER_ROLES.join(', ')}`);
    role = value as UserRole;
    args.splice(roleAt, args[roleAt].includes('=') ? 1 : 2);
  }
  const email = args.find((a) => !a.startsWith('-'));
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
    throw new Error('usage: npm run user:promote -- <email> [--role admin|user]');
  }
  return { email: email.trim().toLowerCase(), role };
}

/** Sets the role; returns false when no user has that email. Expects Mongo (and Redis) to be reachable. */
export async function promoteUser({ email, role }: PromoteArgs): Promise<boolean> {
  const user = await setUserRole(email, role);
  if (!user) return false;
  await refreshAuthState(String(user._id));
  return true;
}

async function main(): Promise<number> {
  const args = parsePromoteArgs(process.argv.slice(2));
  await connectMongo(config.mongo.uri ?? 'mongodb://127.0.0.1:27017/intervai', { attempts: 2, delayMs: 500 });
  try {
    const found = await promoteUser(args);
    if (!found) {
      console.error(`No user with email ${args.email}`);
      return 1;
    }
    console.log(`${args.email} now has role "${args.role}"`);
    return 0;
  } finally {
    await disconnectMongo();
    await closeRedis();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
