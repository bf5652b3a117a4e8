import {
  emailVerificationMail,
  escapeHtml,
  jobFinishedMail,
  passwordChangedMail,
  passwordResetOtpMail,
} from '../../src/modules/email/templates';

describe('email templates', () => {
  const evil = '<script>alert("x")</script> & \'co\'';

  it('escape user data in HTML and keep it readable in text', () => {
    expect(escapeHtml(evil)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;');
    const mail = passwordResetOtpMail(
      { fullname: evil, otp: '012345', expiresIn: '7 minutes' },
      'Acme <Prep>',
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).toContain('Acme &lt;Prep&gt;');
    expect(mail.text).toContain('Hello <script>alert("x")</script>');
    expect(mail.subject).toBe('Password Reset OTP - Acme <Prep>');
  });

  it('state the real OTP expiry and the code in both parts', () => {
    for (const render of [passwordResetOtpMail, emailVerificationMail]) {
      const mail = render({ fullname: 'Ann', otp: '000123', expiresIn: '15 minutes' }, 'IntervAI');
      expect(mail.text).toContain('000123');
      expect(mail.html).toContain('000123');
      expect(mail.text).toContain('15 minutes');
      expect(mail.html).toContain('15 minutes');
      expect(mail.text).not.toContain('10 minutes');
    }
  });

  it('password-changed names the account and the way it changed', () => {
    const mail = passwordChangedMail(
      { fullname: 'Ann', email: 'ann@example.com', when: '2026-01-02T03:04:05Z', how: 'reset' },
      'IntervAI',
    );
    expect(mail.subject).toBe('Password Changed Successfully - IntervAI');
    expect(mail.text).toContain('ann@example.com');
    expect(mail.text).toContain('reset with a one-time code');
    expect(mail.text).toContain('Fri, 02 Jan 2026 03:04:05 GMT');
  });

  it('job-finished is generic, keeps subjects on one line and only links http(s) or app paths', () => {
    const done = jobFinishedMail(
      {
        title: 'PDF export\r\nBcc: x@y.z',
        status: 'completed',
        message: 'Your file is ready.',
        link: '/api/v1/export/download/a.pdf',
        linkText: 'Download',
      },
      'IntervAI',
    );
    expect(done.subject).toBe('PDF export Bcc: x@y.z is ready - IntervAI');
    expect(done.html).toContain('href="/api/v1/export/download/a.pdf"');
    expect(done.text).toContain('Download: /api/v1/export/download/a.pdf');
    const failed = jobFinishedMail(
      {
        title: 'Question generation',
        status: 'failed',
        message: 'The AI provider timed out.',
        link: 'javascript:alert(1)',
      },
      'IntervAI',
    );
    expect(failed.subject).toBe('Question generation failed - IntervAI');
    expect(failed.html).not.toContain('javascript:');
    expect(failed.text).not.toContain('javascript:');
  });
});
