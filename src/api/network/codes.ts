// Error codes of network failures that need the user to act (no import: errors.ts and http.ts both read these).

/** The endpoint's or the proxy's TLS certificate was refused; the message says what to do (tlsErrors.ts). */
export const UNTRUSTED_CERTIFICATE = 'UntrustedCertificate';
