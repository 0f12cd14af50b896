/**
 * Bearer-token verification (JWT via `jose`): HS256 with a shared secret, RS256 with a public key, or keys from
 * a JWKS URL. Only the configured algorithms are accepted, so `alg: none` and algorithm confusion are refused;
 * `exp` is required.
 */

import { createPublicKey, type KeyObject } from 'node:crypto';
import { SignJWT, createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ANONYMOUS, type Principal } from './principal.js';

/** How tokens are verified. At least one key source, or no tokens are accepted at all. */
export interface AuthOptions {
  /** HS256 shared secret (at least 32 bytes). */
  hs256Secret?: string;
  /** RS256 public key, PEM (SPKI). */
  rs256PublicKey?: string;
  /** URL of a JSON Web Key Set (RS256/ES256 keys, cached and refreshed by jose). */
  jwksUrl?: string;
  /** Expected `iss`, when set. */
  issuer?: string;
  /** Expected `aud`, when set. */
  audience?: string;
  /** Allowed clock skew in seconds. Default 30. */
  clockToleranceSeconds?: number;
}

/** Why a token was refused, for the 401 problem. */
export class AuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthError';
  }
}

/** Verifies `Authorization` headers and produces principals. */
export class Authenticator {
  private readonly secret?: Uint8Array;
  private readonly publicKey?: KeyObject;
  private readonly jwks?: JWTVerifyGetKey;

  constructor(private readonly options: AuthOptions) {
    if (options.hs256Secret !== undefined) {
      if (Buffer.byteLength(options.hs256Secret) < 32)
        throw new Error('The HS256 secret must be at least 32 bytes long.');
      this.secret = new TextEncoder().encode(options.hs256Secret);
    }
    if (options.rs256PublicKey) this.publicKey = createPublicKey(options.rs256PublicKey);
    if (options.jwksUrl) this.jwks = createRemoteJWKSet(new URL(options.jwksUrl));
  }

  /** True when some key source is configured. */
  get enabled(): boolean {
    return Boolean(this.secret || this.publicKey || this.jwks);
  }

  /** Verified tokens by header text, so a dashboard's repeated requests verify a signature once. */
  private readonly verified = new Map<string, { principal: Principal; expires: number }>();

  /** The principal of a request: anonymous without a header; throws {@link AuthError} for a bad token. */
  async authenticate(authorization: string | undefined): Promise<Principal> {
    if (authorization === undefined || authorization === '') return ANONYMOUS;
    const known = this.verified.get(authorization);
    if (known) {
      // Expiry is checked on every use: a remembered token stops working when it expires.
      if (known.expires > Date.now() / 1000) return known.principal;
      this.verified.delete(authorization);
    }
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/.exec(authorization.trim());
    if (!match) throw new AuthError("The Authorization header must be 'Bearer <JWT>'.");
    if (!this.enabled) {
      throw new AuthError(
        'This server accepts no tokens; send requests without Authorization to read public data.',
      );
    }
    const payload = await this.verify(match[1]!);
    const role = payload.role;
    if (typeof role !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(role) || role === 'public') {
      throw new AuthError("The token has no valid 'role' claim.");
    }
    const principal: Principal = { anonymous: false, role, claims: Object.freeze({ ...payload }) };
    if (typeof payload.sub === 'string') principal.subject = payload.sub;
    if (this.verified.size >= 10_000) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(authorization, { principal, expires: payload.exp! });
    return principal;
  }

  private async verify(token: string): Promise<JWTPayload> {
    const common = {
      requiredClaims: ['exp'],
      clockTolerance: this.options.clockToleranceSeconds ?? 30,
      ...(this.options.issuer ? { issuer: this.options.issuer } : {}),
      ...(this.options.audience ? { audience: this.options.audience } : {}),
    };
    const header = decodeHeader(token);
    try {
      if (header.alg === 'HS256' && this.secret) {
        return (await jwtVerify(token, this.secret, { ...common, algorithms: ['HS256'] })).payload;
      }
      // A key id selects the JWKS; a token without one is checked against the configured public key.
      const asymmetric = header.alg === 'RS256' || header.alg === 'ES256';
      if (asymmetric && this.jwks && (header.kid !== undefined || !this.publicKey)) {
        return (await jwtVerify(token, this.jwks, { ...common, algorithms: ['RS256', 'ES256'] })).payload;
      }
      if (header.alg === 'RS256' && this.publicKey) {
        return (await jwtVerify(token, this.publicKey, { ...common, algorithms: ['RS256'] })).payload;
      }
    } catch (error) {
      throw new AuthError(describe(error));
    }
    throw new AuthError(`Tokens signed with '${header.alg}' are not accepted here.`);
  }
}

function decodeHeader(token: string): { alg?: string; kid?: string } {
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as unknown;
    if (typeof header === 'object' && header !== null) return header as { alg?: string; kid?: string };
  } catch {
    // fall through
  }
  throw new AuthError('The token header is not valid.');
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired; sign in again.';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The token signature is not valid.';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `The token's '${error.claim}' claim is not valid: ${error.reason}.`;
  if (error instanceof errors.JOSEError) return `The token is not valid (${error.code}).`;
  return 'The token is not valid.';
}

/** Signs an HS256 token (dev minting and tests). */
export async function mintToken(
  secret: string,
  claims: Record<string, unknown>,
  expiresInSeconds = 3600,
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
    .sign(new TextEncoder().encode(secret));
}
