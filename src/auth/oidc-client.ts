import * as client from "openid-client";
import type { Config, OidcConfig } from "../config.ts";

/** What the browser carries between the start of a sign-in and the provider's answer (in a signed cookie). */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

export type IdTokenClaims = Record<string, unknown>;

/** The redirect URI to register at the provider. */
const redirectUri = (config: Config) => `${config.publicUrl}/logga-in/oidc/callback`;

/**
 * kansli as a client of the city's OpenID provider (openid-client): the authorization code flow
 * with PKCE (S256), state and nonce, and RP-initiated logout. The provider's metadata is fetched
 * once, on first use, and again after a failure.
 */
export function oidcClient(config: Config, oidc: OidcConfig) {
  let discovered: Promise<client.Configuration> | null = null;
  const provider = () => {
    discovered ??= client
      .discovery(new URL(oidc.issuer), oidc.clientId, oidc.clientSecret, undefined, {
        // config.ts allows http:// only for a provider on this machine (tests, development).
        ...(oidc.issuer.startsWith("http:") ? { execute: [client.allowInsecureRequests] } : {}),
      })
      .catch((error: unknown) => {
        discovered = null;
        throw error;
      });
    return discovered;
  };

  return {
    /** Where to send the browser, and what to remember until it comes back. */
    async start(next: string): Promise<{ url: string; pending: PendingSignIn }> {
      const pending = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier: client.randomPKCECodeVerifier(),
        next,
      };
      const url = client.buildAuthorizationUrl(await provider(), {
        redirect_uri: redirectUri(config),
        scope: oidc.scopes,
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: "S256",
      });
      return { url: url.href, pending };
    },

    /** Trades the code for tokens, checking state, nonce and PKCE; the ID token's verified claims. */
    async finish(callbackUrl: URL, pending: PendingSignIn): Promise<IdTokenClaims> {
      const tokens = await client.authorizationCodeGrant(await provider(), callbackUrl, {
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        pkceCodeVerifier: pending.verifier,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error("the provider sent no ID token");
      return claims;
    },

    /** The provider's logout address, returning to kansli's sign-in page; null when it has none. */
    async logoutUrl(): Promise<string | null> {
      const metadata = await provider();
      if (!metadata.serverMetadata().end_session_endpoint) return null;
      return client.buildEndSessionUrl(metadata, {
        client_id: oidc.clientId,
        post_logout_redirect_uri: `${config.publicUrl}/logga-in?utloggad=1`,
      }).href;
    },
  };
}

export type OidcClient = ReturnType<typeof oidcClient>;
