"""Creating the appliance CA and the certificates it signs (reading them: ``ccedge.core.pki``).

Keys are ECDSA P-256 (fast handshakes on a small box, accepted by every TLS 1.3 stack);
signatures SHA-256. The CA is constrained to sign end-entity certificates only
(basicConstraints CA:TRUE, pathlen 0; RFC 5280 §4.2.1.9). Server certificates carry the box's
names and addresses in subjectAltName (RFC 6125 §6: clients check names there, not the CN) and
serverAuth; client certificates carry the user's name (CN), role (OU) and clientAuth.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from ccedge.core.pki import AGENT_LABEL_OID, UserRole

CA_DAYS = 3650
SERVER_DAYS = 825  # the CA/B Forum ceiling browsers once enforced; renewal is `ccedge certs renew`
CLIENT_DAYS = 365
ORG = "ccedge appliance"


@dataclass(frozen=True, slots=True)
class KeyPair:
    key_pem: bytes
    cert_pem: bytes

    @property
    def cert(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.cert_pem)

    @property
    def key(self) -> ec.EllipticCurvePrivateKey:
        key = serialization.load_pem_private_key(self.key_pem, password=None)
        assert isinstance(key, ec.EllipticCurvePrivateKey)
        return key


def _new_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def create_ca(site: str, days: int = CA_DAYS) -> KeyPair:
    key = _new_key()
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORG),
                      x509.NameAttribute(NameOID.COMMON_NAME, f"ccedge CA {site}"[:64])])
    now = _now()
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False,
                                     key_encipherment=False, data_encipherment=False, key_agreement=False,
                                     key_cert_sign=True, crl_sign=True, encipher_only=False,
                                     decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return KeyPair(_key_pem(key), cert.public_bytes(serialization.Encoding.PEM))


def _issue(ca: KeyPair, subject: x509.Name, usage: x509.ObjectIdentifier, days: int,
           sans: Sequence[x509.GeneralName] = (), not_before: dt.datetime | None = None) -> KeyPair:
    key = _new_key()
    start = not_before or (_now() - dt.timedelta(minutes=5))
    builder = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(ca.cert.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(start).not_valid_after(start + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                     key_encipherment=False, data_encipherment=False, key_agreement=False,
                                     key_cert_sign=False, crl_sign=False, encipher_only=False,
                                     decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
                       critical=False)
    )
    if sans:
        builder = builder.add_extension(x509.SubjectAlternativeName(list(sans)), critical=False)
    cert = builder.sign(ca.key, hashes.SHA256())
    return KeyPair(_key_pem(key), cert.public_bytes(serialization.Encoding.PEM))


def box_names() -> tuple[list[str], list[str]]:
    """The box's DNS names and IP addresses (loopback included) for the server certificate."""
    host = socket.gethostname()
    names = sorted({host, f"{host}.local", "localhost", "ccedge.local"})
    addrs = {"127.0.0.1", "::1"}
    try:
        import ifaddr  # zeroconf's own dependency: every interface address without root

        for adapter in ifaddr.get_adapters():
            for ip in adapter.ips:
                if isinstance(ip.ip, str):
                    addrs.add(ip.ip)
                elif isinstance(ip.ip, tuple) and not ip.ip[0].startswith("fe80"):
                    addrs.add(ip.ip[0])
    except ImportError:  # pragma: no cover - ifaddr comes with zeroconf
        pass
    return names, sorted(addrs)


def issue_server(ca: KeyPair, names: Iterable[str], addresses: Iterable[str],
                 days: int = SERVER_DAYS) -> KeyPair:
    names, addresses = list(names), list(addresses)
    sans: list[x509.GeneralName] = [x509.DNSName(n) for n in names]
    sans += [x509.IPAddress(ipaddress.ip_address(a)) for a in addresses]
    subject = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORG),
                         x509.NameAttribute(NameOID.COMMON_NAME, (names or ["ccedge"])[0][:64])])
    return _issue(ca, subject, ExtendedKeyUsageOID.SERVER_AUTH, days, sans)


def issue_client(ca: KeyPair, name: str, role: UserRole, days: int = CLIENT_DAYS,
                 not_before: dt.datetime | None = None, agent: str = "") -> KeyPair:
    """A client certificate; an agent's also carries their agent label (userId)."""
    attrs = [x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORG),
             x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, role),
             x509.NameAttribute(NameOID.COMMON_NAME, name)]
    if agent:
        attrs.append(x509.NameAttribute(AGENT_LABEL_OID, agent))
    subject = x509.Name(attrs)
    return _issue(ca, subject, ExtendedKeyUsageOID.CLIENT_AUTH, days, not_before=not_before)


__all__ = ["KeyPair", "box_names", "create_ca", "issue_client", "issue_server"]
