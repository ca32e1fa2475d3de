"""Site identity: private keys stay in the data folder (0600), never in the database or a backup;
key files are self-signed and a malformed or forged one is refused; trust and naming sites."""
from __future__ import annotations

import base64
import json
import os
import stat

import pytest

from app.core.bank import Bank
from app.core.errors import Conflict, NotFound, PermissionDenied, StorageError, ValidationError
from app.sync import identity, trust
from db.backup import backup_sqlite
from db.models import Setting, SiteKey


def _private_bytes(bank: Bank) -> list[bytes]:
    document = json.loads(identity.key_path(bank).read_text())
    return [base64.b64decode(document["sign_private"]), base64.b64decode(document["kx_private"])]


def test_keys_are_made_once_kept_private_and_never_in_the_database(bank, tmp_path):
    keys = identity.load(bank)
    path = identity.key_path(bank)
    assert path.parent == bank.data_dir / "keys" and path.name == f"{bank.site_id}.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    # Stable: opening again gives the same identity.
    again = identity.load(bank)
    assert (again.public.sign_key, again.public.kx_key) == (keys.public.sign_key, keys.public.kx_key)
    with bank.session() as s:
        row = s.get(SiteKey, bank.site_id)
        assert base64.b64decode(row.sign_key) == keys.public.sign_key and row.trusted_by is None
    # Neither the database file nor an online backup holds any private key byte string.
    bank.engine.dispose()
    backup = backup_sqlite(bank.data_dir / "ideabank.sqlite", tmp_path / "backup.sqlite")
    for blob in (bank.data_dir / "ideabank.sqlite", bank.data_dir / "ideabank.sqlite-wal", backup):
        if blob.exists():
            content = blob.read_bytes()
            for secret in _private_bytes(bank):
                assert secret not in content and base64.b64encode(secret) not in content


def test_a_workstation_without_the_private_key_is_told_where_it_is(bank):
    recorded = identity.load(bank).public
    os.remove(identity.key_path(bank))
    with pytest.raises(StorageError, match="site rekey") as err:
        identity.load(bank)
    assert recorded.sign_fingerprint in str(err.value)
    # rekey makes new keys; the old public keys are replaced.
    fresh = identity.rekey(bank, bank.actor()).public
    assert fresh.sign_key != recorded.sign_key
    assert identity.load(bank).public.sign_key == fresh.sign_key


def test_a_key_file_that_does_not_match_the_recorded_keys_is_refused(bank, tmp_path):
    identity.load(bank)
    other = Bank.open(tmp_path / "other")
    identity.load(other)
    document = json.loads(identity.key_path(other).read_text())
    document["site_id"] = bank.site_id
    identity.key_path(bank).write_text(json.dumps(document))
    with pytest.raises(StorageError, match="does not match|不一致"):
        identity.load(bank)
    other.close()


def test_a_copied_database_that_takes_a_new_site_id_gets_new_keys(bank):
    old = identity.load(bank).public
    with bank.write() as s:  # what `site join` does to a copied database
        s.get(Setting, "site_id").value = "01a2296c-96ff-715e-9643-da5234cf0001"
    bank._site_id = None
    new = identity.load(bank).public
    assert new.site_id != old.site_id and new.sign_key != old.sign_key
    assert identity.key_path(bank).name.startswith("01a2296c")


def test_key_file_round_trip_and_fingerprint(tmp_path, clock):
    a, b = Bank.open(tmp_path / "a", clock=clock), Bank.open(tmp_path / "b", clock=clock)
    identity.rename(a, a.actor(), "  总部   机房 ")
    site = trust.export_key(a, tmp_path / "a.key")
    assert site.name == "总部 机房"
    result = trust.trust(b, b.actor(), tmp_path / "a.key")
    assert result.status == "new" and result.site == site
    assert len(site.sign_fingerprint.split()) == 8
    assert [s.site_id for s in trust.trusted_sites(b)] == [a.site_id]
    assert trust.trust(b, b.actor(), tmp_path / "a.key").status == "same"
    # Found by id, code or name.
    for name in (a.site_id, site.code.lower(), "总部 机房"):
        assert trust.resolve(b, name).site_id == a.site_id
    assert trust.resolve(b, None).site_id == a.site_id  # the only trusted site
    with pytest.raises(NotFound):
        trust.resolve(b, "nowhere")
    with pytest.raises(ValidationError, match="own|自己"):
        trust.trust(a, a.actor(), tmp_path / "a.key")
    a.close(), b.close()


@pytest.fixture(scope="module")
def key_docs(tmp_path_factory):
    """A genuine key file and one of another site (mallory's), made once."""
    folder = tmp_path_factory.mktemp("keys")
    a, mallory = Bank.open(folder / "a"), Bank.open(folder / "m")
    docs = json.loads(trust.key_document(a)), json.loads(trust.key_document(mallory))
    a.close(), mallory.close()
    return docs


@pytest.mark.parametrize("damage", ["not json", "wrong format", "renamed", "swapped encryption key", "bad signature",
                                    "extra field", "short key", "too large", "duplicate key"])
def test_malformed_or_forged_key_files_are_refused(bank, tmp_path, key_docs, damage):
    good, evil = key_docs
    doc = dict(good)
    raw = None
    if damage == "not json":
        raw = b"\x89PNG not a key"
    elif damage == "wrong format":
        doc["format"] = "something-else"
    elif damage == "renamed":
        doc["name"] = "冒充的站点"
    elif damage == "swapped encryption key":
        doc["encryption_key"] = evil["encryption_key"]  # someone wants packages for a encrypted to them
    elif damage == "bad signature":
        doc["signature"] = evil["signature"]
    elif damage == "extra field":
        doc["note"] = "x"
    elif damage == "short key":
        doc["signing_key"] = base64.b64encode(b"x" * 16).decode()
    elif damage == "too large":
        raw = b" " * (trust.MAX_KEY_FILE + 10) + json.dumps(good).encode()
    elif damage == "duplicate key":
        raw = json.dumps(good)[:-1].encode() + b', "name": "x"}'
    (tmp_path / "k").write_bytes(raw if raw is not None else json.dumps(doc).encode())
    with pytest.raises(ValidationError, match="不是有效的站点密钥文件"):
        trust.trust(bank, bank.actor(), tmp_path / "k")
    assert trust.trusted_sites(bank) == []
    # The genuine file is accepted, so the refusals above are about the damage.
    (tmp_path / "k").write_text(json.dumps(good))
    assert trust.trust(bank, bank.actor(), tmp_path / "k").status == "new"


def test_new_keys_for_a_trusted_site_need_replace(tmp_path, clock):
    a, b = Bank.open(tmp_path / "a", clock=clock), Bank.open(tmp_path / "b", clock=clock)
    trust.export_key(a, tmp_path / "old.key")
    trust.trust(b, b.actor(), tmp_path / "old.key")
    identity.rekey(a, a.actor())
    trust.export_key(a, tmp_path / "new.key")
    with pytest.raises(Conflict, match="--replace"):
        trust.trust(b, b.actor(), tmp_path / "new.key")
    assert trust.trusted(b, a.site_id).sign_key != identity.public_identity(a).sign_key
    assert trust.trust(b, b.actor(), tmp_path / "new.key", replace=True).status == "replaced"
    assert trust.trusted(b, a.site_id).sign_key == identity.public_identity(a).sign_key
    trust.untrust(b, b.actor(), a.site_id)
    assert trust.trusted(b, a.site_id) is None
    a.close(), b.close()


def test_only_admins_manage_trust(tmp_path, clock, people, bank):
    other = Bank.open(tmp_path / "other", clock=clock)
    trust.export_key(other, tmp_path / "o.key")
    with pytest.raises(PermissionDenied):
        trust.trust(bank, people["L001"], tmp_path / "o.key")
    with pytest.raises(PermissionDenied):
        identity.rename(bank, people["W001"], "x")
    other.close()
