/**
 * The renderer's Content-Security-Policy, the same in serve mode (HTTP header) and in the desktop
 * app (app:// protocol header): only our own scripts, styles, images and API.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');
