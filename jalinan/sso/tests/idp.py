"""Real identity providers for the tests, on loopback: a minimal OpenID Connect provider
(discovery, JWKS, authorize, token; RSA-signed ID tokens) and a SAML 2.0 IdP (metadata, an
HTTP-Redirect single sign-on endpoint answering with an XML-signed assertion through an
HTTP-POST form). Each runs an ``http.server`` in a thread; nothing leaves 127.0.0.1.

Both sign in whoever ``person`` says (no login form: the tests are about Jalinan's side) and
can be told to misbehave (``fault``) the ways an attacker or a broken IdP would."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import re
import secrets
import threading
import time
import uuid
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from lxml import etree


def _rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class _Server:
    """An http.server on a free loopback port, served from a thread."""

    def __init__(self):
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                owner.handle(self, "GET")

            def do_POST(self):
                owner.handle(self, "POST")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    @staticmethod
    def reply(handler, status, body=b"", content_type="application/json", headers=None):
        if isinstance(body, dict | list):
            body = json.dumps(body).encode()
        elif isinstance(body, str):
            body = body.encode()
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            handler.send_header(k, v)
        handler.end_headers()
        handler.wfile.write(body)


class OIDCProvider(_Server):
    """``fault``: None, ``bad_signature`` (signed with another key under the published key
    id), ``tampered`` (claims changed after signing), ``expired``, ``wrong_audience``,
    ``stale_nonce`` (the nonce of an earlier sign-in), ``replayed_token`` (the ID token issued
    before, again)."""

    client_id = "jalinan-test"
    client_secret = "test-client-secret-0123456789"  # noqa: S105
    kid = "test-key-1"

    def __init__(self):
        super().__init__()
        self.issuer = self.base
        self.key = _rsa_key()
        self.person: dict = {}
        self.fault: str | None = None
        self.codes: dict[str, dict] = {}
        self.last_id_token: str | None = None
        self.last_nonce: str | None = None

    def discovery(self):
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.base}/authorize",
            "token_endpoint": f"{self.base}/token",
            "jwks_uri": f"{self.base}/jwks",
            "userinfo_endpoint": f"{self.base}/userinfo",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "code_challenge_methods_supported": ["S256"],
        }

    def jwks(self):
        jwk = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        jwk.update(kid=self.kid, use="sig", alg="RS256")
        return {"keys": [jwk]}

    def handle(self, h, method):
        url = urlsplit(h.path)
        if url.path == "/.well-known/openid-configuration":
            return self.reply(h, 200, self.discovery())
        if url.path == "/jwks":
            return self.reply(h, 200, self.jwks())
        if url.path == "/authorize" and method == "GET":
            return self.authorize(h, {k: v[0] for k, v in parse_qs(url.query).items()})
        if url.path == "/token" and method == "POST":
            length = int(h.headers.get("Content-Length") or 0)
            form = {k: v[0] for k, v in parse_qs(h.rfile.read(length).decode()).items()}
            return self.token(h, form)
        return self.reply(h, 404, {"error": "not_found"})

    def authorize(self, h, q):
        if q.get("client_id") != self.client_id or q.get("response_type") != "code":
            return self.reply(h, 400, {"error": "invalid_request"})
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "redirect_uri": q["redirect_uri"],
            "nonce": q.get("nonce"),
            "challenge": q.get("code_challenge"),
            "person": dict(self.person),
        }
        location = q["redirect_uri"] + "?" + urlencode({"code": code, "state": q["state"]})
        return self.reply(h, 302, b"", headers={"Location": location})

    def _client_ok(self, h, form) -> bool:
        auth = h.headers.get("Authorization", "")
        if auth.startswith("Basic "):
            cid, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
        else:
            cid, secret = form.get("client_id"), form.get("client_secret")
        return cid == self.client_id and secret == self.client_secret

    def token(self, h, form):
        grant = self.codes.pop(form.get("code", ""), None)
        if not self._client_ok(h, form) or grant is None:
            return self.reply(h, 400, {"error": "invalid_grant"})
        if form.get("redirect_uri") != grant["redirect_uri"]:
            return self.reply(h, 400, {"error": "invalid_grant"})
        if grant["challenge"]:
            verifier = form.get("code_verifier", "")
            digest = hashlib.sha256(verifier.encode()).digest()
            if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != grant["challenge"]:
                return self.reply(h, 400, {"error": "invalid_grant"})
        id_token = self.id_token(grant)
        return self.reply(
            h,
            200,
            {
                "access_token": secrets.token_urlsafe(16),
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": id_token,
            },
        )

    def id_token(self, grant) -> str:
        if self.fault == "replayed_token" and self.last_id_token:
            return self.last_id_token
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": grant["person"].get("sub", grant["person"].get("email", "someone")),
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": grant["nonce"],
            "jti": uuid.uuid4().hex,
            **{k: v for k, v in grant["person"].items() if k != "sub"},
        }
        if self.fault == "expired":
            claims.update(iat=now - 3600, exp=now - 1800)
        if self.fault == "wrong_audience":
            claims["aud"] = "another-application"
        if self.fault == "stale_nonce":
            claims["nonce"] = self.last_nonce or "an-earlier-sign-in"
        key = _rsa_key() if self.fault == "bad_signature" else self.key
        token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": self.kid})
        if self.fault == "tampered":
            header, _payload, signature = token.split(".")
            forged = {**claims, "affiliation": "staff", "email": "someone.else@iium.test"}
            payload = base64.urlsafe_b64encode(json.dumps(forged).encode()).rstrip(b"=").decode()
            token = f"{header}.{payload}.{signature}"
        self.last_id_token = token
        self.last_nonce = grant["nonce"]
        return token


SAML_NS = {
    "samlp": "urn:oasis:names:tc:SAML:2.0:protocol",
    "saml": "urn:oasis:names:tc:SAML:2.0:assertion",
}


def _self_signed(key, name: str):
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )


def _instant(t: dt.datetime) -> str:
    return t.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class SAMLIdP(_Server):
    """``person``: {attribute name: [values]} plus ``name_id``. ``fault``: None, ``expired``,
    ``wrong_audience``, ``bad_signature`` (signed with a key the metadata does not publish),
    ``unsigned``. Tampering and replays are the tests' own doing, on the posted response."""

    def __init__(self):
        super().__init__()
        self.entity_id = f"{self.base}/metadata"
        self.key = _rsa_key()
        self.cert = _self_signed(self.key, "Test IdP")
        self.person: dict = {}
        self.fault: str | None = None

    @property
    def cert_b64(self) -> str:
        der = self.cert.public_bytes(serialization.Encoding.DER)
        return base64.b64encode(der).decode()

    def metadata(self) -> str:
        return f"""<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"
    xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="{self.entity_id}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false"
      protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data>
      <ds:X509Certificate>{self.cert_b64}</ds:X509Certificate>
    </ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
        Location="{self.base}/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>"""

    def handle(self, h, method):
        url = urlsplit(h.path)
        if url.path == "/metadata":
            return self.reply(h, 200, self.metadata(), "application/samlmetadata+xml")
        if url.path == "/sso" and method == "GET":
            q = {k: v[0] for k, v in parse_qs(url.query).items()}
            acs, response = self.answer(q["SAMLRequest"])
            return self.reply(
                h, 200, self.post_form(acs, response, q.get("RelayState")), "text/html"
            )
        return self.reply(h, 404, b"not found", "text/plain")

    @staticmethod
    def read_request(saml_request: str) -> etree._Element:
        xml = zlib.decompress(base64.b64decode(saml_request), -15)
        return etree.fromstring(xml)  # noqa: S320  (our own SP's request, in a test)

    def answer(self, saml_request: str) -> tuple[str, str]:
        """The ACS URL and the base64 SAMLResponse answering an AuthnRequest."""
        request = self.read_request(saml_request)
        acs = request.get("AssertionConsumerServiceURL")
        sp_entity = request.findtext("saml:Issuer", namespaces=SAML_NS)
        xml = self.response_xml(request.get("ID"), acs, sp_entity)
        return acs, base64.b64encode(xml.encode()).decode()

    def response_xml(self, in_response_to: str, acs: str, audience: str) -> str:
        from onelogin.saml2.constants import OneLogin_Saml2_Constants as C
        from onelogin.saml2.utils import OneLogin_Saml2_Utils

        now = dt.datetime.now(dt.UTC)
        if self.fault == "expired":
            now -= dt.timedelta(hours=2)
        if self.fault == "wrong_audience":
            audience = "https://another-application.example/saml"
        later = now + dt.timedelta(minutes=5)
        attrs = "".join(
            f'<saml:Attribute Name="{html.escape(name)}" '
            'NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">'
            + "".join(
                f"<saml:AttributeValue>{html.escape(str(v))}</saml:AttributeValue>" for v in values
            )
            + "</saml:Attribute>"
            for name, values in self.person.items()
            if name != "name_id"
        )
        assertion_id = "_a" + uuid.uuid4().hex
        name_id = html.escape(self.person.get("name_id", "someone"))
        confirmation = (
            f'NotOnOrAfter="{_instant(later)}" Recipient="{acs}" InResponseTo="{in_response_to}"'
        )
        assertion = "".join(
            [
                f'<saml:Assertion xmlns:saml="{SAML_NS["saml"]}" ID="{assertion_id}" ',
                f'Version="2.0" IssueInstant="{_instant(now)}">',
                f"<saml:Issuer>{self.entity_id}</saml:Issuer>",
                "<saml:Subject><saml:NameID ",
                'Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">',
                f"{name_id}</saml:NameID>",
                '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">',
                f"<saml:SubjectConfirmationData {confirmation}/>",
                "</saml:SubjectConfirmation></saml:Subject>",
                f'<saml:Conditions NotBefore="{_instant(now - dt.timedelta(minutes=1))}" ',
                f'NotOnOrAfter="{_instant(later)}"><saml:AudienceRestriction>',
                f"<saml:Audience>{html.escape(audience)}</saml:Audience>",
                "</saml:AudienceRestriction></saml:Conditions>",
                f'<saml:AuthnStatement AuthnInstant="{_instant(now)}" ',
                f'SessionIndex="_s{uuid.uuid4().hex}"><saml:AuthnContext>',
                "<saml:AuthnContextClassRef>",
                "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
                "</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>",
                f"<saml:AttributeStatement>{attrs}</saml:AttributeStatement>",
                "</saml:Assertion>",
            ]
        )
        if self.fault != "unsigned":
            key = _rsa_key() if self.fault == "bad_signature" else self.key
            cert = _self_signed(key, "Test IdP") if self.fault == "bad_signature" else self.cert
            assertion = OneLogin_Saml2_Utils.add_sign(
                assertion,
                key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                ).decode(),
                cert.public_bytes(serialization.Encoding.PEM).decode(),
                sign_algorithm=C.RSA_SHA256,
                digest_algorithm=C.SHA256,
            )
            if isinstance(assertion, bytes):
                assertion = assertion.decode()
            assertion = re.sub(r"^<\?xml[^>]*\?>\s*", "", assertion)
        return (
            f'<samlp:Response xmlns:samlp="{SAML_NS["samlp"]}" xmlns:saml="{SAML_NS["saml"]}" '
            f'ID="_r{uuid.uuid4().hex}" Version="2.0" IssueInstant="{_instant(now)}" '
            f'Destination="{acs}" InResponseTo="{in_response_to}">'
            f"<saml:Issuer>{self.entity_id}</saml:Issuer>"
            '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/>'
            f"</samlp:Status>{assertion}</samlp:Response>"
        )

    @staticmethod
    def post_form(acs: str, response: str, relay_state: str | None) -> str:
        relay = (
            f'<input type="hidden" name="RelayState" value="{html.escape(relay_state)}">'
            if relay_state
            else ""
        )
        return f"""<!doctype html><html><body onload="document.forms[0].submit()">
<form method="post" action="{html.escape(acs)}">
<input type="hidden" name="SAMLResponse" value="{response}">{relay}
<noscript><button type="submit">Continue</button></noscript></form></body></html>"""


def form_fields(page: str) -> tuple[str, dict[str, str]]:
    """The action and hidden fields of the IdP's auto-posting form."""
    action = html.unescape(re.search(r'<form method="post" action="([^"]+)"', page).group(1))
    fields = {
        m.group(1): html.unescape(m.group(2))
        for m in re.finditer(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page)
    }
    return action, fields
