/**
 * Packages whose every move asks for an owner's look when they ship: TLS, cryptography, token and credential
 * libraries. A patch of one of these changes what protects every user's connection or key (uv #21158: the TLS crate
 * of every shipped binary moved in a lockfile-only bump). The one list the dependency rules read; names compare as
 * each ecosystem folds them, and a trailing `*` matches a prefix (`rustls*`, `org.bouncycastle:*`).
 */
import type { Ecosystem } from '../types';
import { normalisePackageName } from './lockfiles';

const SECURITY_PACKAGES: Readonly<Record<Ecosystem, readonly string[]>> = {
  cargo: [
    'rustls*',
    'tokio-rustls',
    'hyper-rustls',
    'webpki*',
    'rustls-webpki',
    'ring',
    'aws-lc-rs',
    'aws-lc-sys',
    'aws-lc-fips-sys',
    'openssl',
    'openssl-sys',
    'openssl-probe',
    'native-tls',
    'tokio-native-tls',
    'schannel',
    'security-framework',
    'boring',
    'boring-sys',
    'x509-parser',
    'jsonwebtoken',
    'oauth2',
    'ed25519-dalek',
    'x25519-dalek',
    'curve25519-dalek',
    'rsa',
    'p256',
    'p384',
    'aes-gcm',
    'chacha20poly1305',
    'ssh-key',
    'russh*',
  ],
  go: [
    'golang.org/x/crypto',
    'golang.org/x/oauth2',
    'github.com/golang-jwt/jwt*',
    'github.com/lestrrat-go/jwx*',
    'github.com/go-jose/go-jose*',
    'github.com/coreos/go-oidc*',
    'github.com/cloudflare/circl',
    'github.com/ProtonMail/go-crypto',
    'filippo.io/age',
    'filippo.io/edwards25519',
    'go.step.sm/crypto',
  ],
  npm: [
    'jsonwebtoken',
    'jose',
    'jwks-rsa',
    'jws',
    'bcrypt',
    'bcryptjs',
    'node-forge',
    'crypto-js',
    'tweetnacl',
    'elliptic',
    'openid-client',
    'oauth4webapi',
    'passport*',
    'google-auth-library',
    '@azure/msal-node',
    '@azure/identity',
    'selfsigned',
  ],
  pypi: [
    'cryptography',
    'pyopenssl',
    'pyjwt',
    'python-jose',
    'authlib',
    'oauthlib',
    'requests-oauthlib',
    'certifi',
    'truststore',
    'paramiko',
    'bcrypt',
    'passlib',
    'pynacl',
    'pycryptodome',
    'pycryptodomex',
    'rsa',
    'ecdsa',
    'google-auth',
    'msal',
    'itsdangerous',
  ],
  maven: [
    'org.bouncycastle:*',
    'io.jsonwebtoken:*',
    'com.nimbusds:nimbus-jose-jwt',
    'com.auth0:java-jwt',
    'org.springframework.security:*',
  ],
  nuget: [
    'BouncyCastle*',
    'System.IdentityModel.Tokens.Jwt',
    'Microsoft.IdentityModel.*',
    'Microsoft.Identity.Client',
    'System.Security.Cryptography.*',
  ],
};

/** Whether a package of this ecosystem is a TLS, crypto, token or credential library (the list above). */
export function isSecuritySensitive(eco: Ecosystem, name: string): boolean {
  const n = normalisePackageName(eco, name);
  const fold = (s: string): string => s.toLowerCase();
  return SECURITY_PACKAGES[eco].some((p) => {
    const q = normalisePackageName(eco, p.replace(/\*$/, ''));
    if (p.endsWith('*')) return fold(n).startsWith(fold(q));
    // Go major-version suffixes are the same module line (`golang-jwt/jwt/v5`).
    return fold(n) === fold(q) || (eco === 'go' && fold(n).startsWith(`${fold(q)}/v`));
  });
}
