"""The package container and its safety, without the sync engine: packages made from change sets
built here, and hand-made malicious ones. Every refusal is one clear line and changes nothing."""
from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from app.core.errors import PermissionDenied
from app.core.paths import attachment_path
from app.sync import envelope, identity, package, trust
from app.sync.container import CHANGES, Limits
from app.sync.package import PackageCancelled, PackageRefused, contiguous, merge_range
from db.models import PackageLog, PackagePeer
from tests.sync.package_kit import (
    FakeChangeSet,
    RecordingApply,
    copied_sites,
    craft,
    keys_of,
    manifest_for,
    public_of,
    records_bytes,
    site_template,
)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return site_template(tmp_path_factory.mktemp("sites"))


@pytest.fixture
def sites(template, tmp_path, clock):
    with copied_sites(template, tmp_path, clock) as made:
        yield made


RECORDS = [{"kind": "project", "id": f"p{i}", "fields": {"title": f"变压器油色谱在线监测装置改进 {i}"}}
           for i in range(30)]


def _put_attachment(bank, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    path = attachment_path(bank.data_dir, sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return sha


def _export(sites, target: Path, records=RECORDS, *, since=0, until=30, blobs=frozenset(), ack=0):
    changes = FakeChangeSet(sites.a.site_id, since, until, list(records), set(blobs))
    return package.write_package(sites.a, keys_of(sites.a), public_of(sites.b), changes, target, ack=ack)


def _state(bank):
    """Everything an import may change: the package bookkeeping and the files in the data folder."""
    with bank.session() as s:
        log = sorted((r.package_id, r.direction) for r in s.query(PackageLog))
        peers = sorted((r.site_id, r.acked_seq, r.sent_seq, str(r.received)) for r in s.query(PackagePeer))
    files = sorted(str(p.relative_to(bank.data_dir)) for p in bank.data_dir.rglob("*")
                   if p.is_file() and "backups" not in p.parts and not p.name.startswith("ideabank.sqlite"))
    return log, peers, files


def _import(bank, path, **kw):
    apply = RecordingApply()
    summary = package.import_package(bank, bank.actor(), path, apply=apply, changeset_type=FakeChangeSet, **kw)
    return summary, apply


def test_round_trip_records_attachments_cursors_and_acks(sites, tmp_path, clock):
    photo = b"\xff\xd8\xff" + bytes(range(256)) * 40
    sha = _put_attachment(sites.a, photo)
    missing = "ab" * 32
    target = tmp_path / "usb" / "to-b.ibpkg"
    out = _export(sites, target, blobs={sha, missing}, ack=0)
    assert (out.records, out.blobs, out.missing_blobs) == (30, 1, 1)
    assert target.exists() and not list(target.parent.glob(".*part"))
    # The file on the stick reveals no content: no title, no attachment bytes.
    raw = target.read_bytes()
    assert "变压器".encode() not in raw and photo[:64] not in raw and b"project" not in raw
    assert package.cursor(sites.a, sites.b.site_id).sent == 30

    summary, apply = _import(sites.b, target)
    (changes, blobs), = apply.calls
    assert changes.source_site == sites.a.site_id and (changes.since, changes.until) == (0, 30)
    assert changes.records == RECORDS and changes.blobs == {sha, missing}
    assert blobs == {sha: photo, missing: None}
    assert summary.peer.site_id == sites.a.site_id and summary.peer.name == "总部"
    assert package.cursor(sites.b, sites.a.site_id).received_up_to == 30
    assert not list((sites.b.data_dir / "tmp").iterdir())  # the decrypted copy is gone

    # B's next package acknowledges A's 30; A's next export starts there.
    clock.advance(minutes=5)
    back = FakeChangeSet(sites.b.site_id, 0, 4, RECORDS[:4], set())
    package.write_package(sites.b, keys_of(sites.b), public_of(sites.a), back, tmp_path / "to-a.ibpkg",
                          ack=package.cursor(sites.b, sites.a.site_id).received_up_to)
    _import(sites.a, tmp_path / "to-a.ibpkg")
    assert package.cursor(sites.a, sites.b.site_id).acked == 30
    assert [r["direction"] for r in package.history(sites.a)] == ["in", "out"]


def test_the_same_package_twice_is_refused_and_changes_nothing(sites, tmp_path):
    _export(sites, tmp_path / "p.ibpkg")
    _import(sites.b, tmp_path / "p.ibpkg")
    before = _state(sites.b)
    with pytest.raises(PackageRefused, match="已于 .* 导入过"):
        _import(sites.b, tmp_path / "p.ibpkg")
    assert _state(sites.b) == before


def test_out_of_order_packages_acknowledge_only_the_gapless_run(sites, tmp_path):
    _export(sites, tmp_path / "1.ibpkg", RECORDS[:10], since=0, until=10)
    _export(sites, tmp_path / "2.ibpkg", RECORDS[10:20], since=10, until=20)
    _export(sites, tmp_path / "3.ibpkg", RECORDS[20:], since=20, until=30)
    _import(sites.b, tmp_path / "3.ibpkg")
    assert package.cursor(sites.b, sites.a.site_id).received_up_to == 0  # 0..20 still missing
    _import(sites.b, tmp_path / "1.ibpkg")
    assert package.cursor(sites.b, sites.a.site_id).received_up_to == 10
    _import(sites.b, tmp_path / "2.ibpkg")
    cur = package.cursor(sites.b, sites.a.site_id)
    assert (cur.received_up_to, cur.received) == (30, [[0, 30]])


def test_range_bookkeeping():
    assert merge_range([], 0, 5) == [[0, 5]]
    assert merge_range([[0, 5]], 10, 20) == [[0, 5], [10, 20]]
    assert merge_range([[0, 5], [10, 20]], 5, 10) == [[0, 20]]
    assert merge_range([[0, 5]], 3, 4) == [[0, 5]]
    assert merge_range([[0, 5]], 7, 7) == [[0, 5]]
    assert contiguous([[0, 20], [30, 40]]) == 20 and contiguous([[5, 9]]) == 0 and contiguous([]) == 0


# -- refusals: one clear line, nothing changed ----------------------------------------------------

def _refused(bank, path, match, **kw):
    before = _state(bank)
    apply = RecordingApply()
    with pytest.raises(PackageRefused, match=match) as err:
        package.import_package(bank, bank.actor(), path, apply=apply, changeset_type=FakeChangeSet, **kw)
    assert "\n" not in str(err.value)
    assert apply.calls == [] and _state(bank) == before
    return err.value


def test_tampered_ciphertext_is_refused(sites, tmp_path):
    target = tmp_path / "p.ibpkg"
    _export(sites, target)
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    _refused(sites.b, target, "损坏或被改动")


@pytest.mark.parametrize("cut", ["chunk boundary", "mid chunk", "header"])
def test_truncated_packages_are_refused(sites, tmp_path, cut):
    target = tmp_path / "p.ibpkg"
    records = [dict(r, pad="x" * 60_000) for r in RECORDS]  # several 1 MiB chunks
    with target.open("wb") as out:  # a package with small chunks, so a cut can fall on a boundary
        sealed = envelope.SealedWriter(out, public_of(sites.b), sites.a.site_id, chunk=4096)
        sealed.write(b"x" * 4096 * 3 + b"y")
        sealed.close()
    data = target.read_bytes()
    header_len = len(envelope.MAGIC) + 4 + int.from_bytes(data[len(envelope.MAGIC):len(envelope.MAGIC) + 4], "big")
    if cut == "chunk boundary":
        target.write_bytes(data[:header_len + 2 * (4096 + envelope.TAG)])
        _refused(sites.b, target, "不完整")
    elif cut == "mid chunk":
        _export(sites, target, records)
        target.write_bytes(target.read_bytes()[:-1000])
        _refused(sites.b, target, "损坏|不完整")
    else:
        target.write_bytes(data[:20])
        _refused(sites.b, target, "损坏")


def test_a_file_that_is_no_package_is_refused(sites, tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    _refused(sites.b, tmp_path / "photo.jpg", "不是创新智慧库交换包")


def test_a_package_for_another_site_is_refused(sites, tmp_path):
    changes = FakeChangeSet(sites.a.site_id, 0, 1, RECORDS[:1])
    package.write_package(sites.a, keys_of(sites.a), public_of(sites.c), changes, tmp_path / "to-c.ibpkg", ack=0)
    err = _refused(sites.b, tmp_path / "to-c.ibpkg", f"发给站点“{sites.c.site_id}”的")  # b does not know c
    assert "不是本站点（变电站）" in str(err)
    trust.export_key(sites.c, tmp_path / "c.key")
    trust.trust(sites.b, sites.b.actor(), tmp_path / "c.key")
    _refused(sites.b, tmp_path / "to-c.ibpkg", "发给站点“山区班组”的")


def test_a_package_from_an_untrusted_site_is_refused(sites, tmp_path):
    # c trusts a, but b does not trust c: c's package to b is refused before it is opened.
    trust.export_key(sites.b, tmp_path / "b.key")
    trust.trust(sites.c, sites.c.actor(), tmp_path / "b.key")
    changes = FakeChangeSet(sites.c.site_id, 0, 1, RECORDS[:1])
    package.write_package(sites.c, keys_of(sites.c), public_of(sites.b), changes, tmp_path / "c.ibpkg", ack=0)
    _refused(sites.b, tmp_path / "c.ibpkg", "未信任的站点")


def test_unsigned_package_is_refused(sites, tmp_path):
    members = {CHANGES: records_bytes(RECORDS)}
    craft(tmp_path / "p.ibpkg", keys_of(sites.a), public_of(sites.b), members, signed=False)
    _refused(sites.b, tmp_path / "p.ibpkg", "没有签名")


def test_package_signed_with_a_foreign_key_is_refused(sites, tmp_path):
    # c knows b's public key, so it can encrypt to b and claim to be a; it cannot sign as a.
    members = {CHANGES: records_bytes(RECORDS)}
    craft(tmp_path / "p.ibpkg", keys_of(sites.a), public_of(sites.b), members, sign_with=keys_of(sites.c).signer)
    _refused(sites.b, tmp_path / "p.ibpkg", "签名与站点“总部”已信任的密钥不符")


def test_contents_altered_after_signing_are_refused(sites, tmp_path):
    good = {CHANGES: records_bytes(RECORDS)}
    manifest = manifest_for(keys_of(sites.a), public_of(sites.b), good)
    evil = {CHANGES: records_bytes(RECORDS[:-1] + [{"kind": "project", "id": "p29", "fields": {"status": "adopted"}}])}
    craft(tmp_path / "p.ibpkg", keys_of(sites.a), public_of(sites.b), evil, manifest=manifest)
    _refused(sites.b, tmp_path / "p.ibpkg", "与清单不一致|SHA-256")


def test_an_envelope_that_lies_about_the_sender_is_refused(sites, tmp_path):
    # Signed by c with c's key, the envelope claims a: a's trusted key does not verify it.
    members = {CHANGES: records_bytes(RECORDS)}
    craft(tmp_path / "p.ibpkg", keys_of(sites.c), public_of(sites.b), members, header_sender=sites.a.site_id)
    _refused(sites.b, tmp_path / "p.ibpkg", "签名")


def test_manifest_recipient_must_be_this_site(sites, tmp_path):
    # a really signed a package for c; someone re-encrypts its contents to b: the signed recipient is c.
    members = {CHANGES: records_bytes(RECORDS)}
    manifest = manifest_for(keys_of(sites.a), public_of(sites.c), members)
    craft(tmp_path / "p.ibpkg", keys_of(sites.a), public_of(sites.b), members, manifest=manifest)
    _refused(sites.b, tmp_path / "p.ibpkg", "与信封不符")


@pytest.mark.parametrize("name", ["../../evil.txt", "/etc/cron.d/evil", "blobs/../../evil", "C:\\evil.bat",
                                  "blobs/" + "0" * 63 + "g", "notes.txt"])
def test_members_with_unexpected_names_are_refused_and_nothing_is_written(sites, tmp_path, name):
    members = {CHANGES: records_bytes(RECORDS), name: b"owned"}
    craft(tmp_path / "p.ibpkg", keys_of(sites.a), public_of(sites.b), members)
    _refused(sites.b, tmp_path / "p.ibpkg", "意外的成员")
    assert not any(p.name.startswith("evil") for p in tmp_path.rglob("*"))


def test_zip_bomb_is_refused_before_decompressing(sites, tmp_path):
    bomb = b"\x00" * (20 << 20)  # 20 MB of zeros deflates to about 20 KB: ratio ~1000
    members = {CHANGES: bomb}
    craft(tmp_path / "p.ibpkg", keys_of(sites.a), public_of(sites.b), members)
    _refused(sites.b, tmp_path / "p.ibpkg", "zip 炸弹")


def test_oversized_and_too_many_members_are_refused(sites, tmp_path):
    members = {CHANGES: records_bytes(RECORDS), "blobs/" + hashlib.sha256(b"x" * 5000).hexdigest(): b"x" * 5000}
    craft(tmp_path / "big.ibpkg", keys_of(sites.a), public_of(sites.b), members, compress=zipfile.ZIP_STORED)
    _refused(sites.b, tmp_path / "big.ibpkg", "超过大小上限", limits=Limits(blob=4096))
    many = {CHANGES: b""} | {"blobs/" + hashlib.sha256(bytes([i])).hexdigest(): bytes([i]) for i in range(12)}
    craft(tmp_path / "many.ibpkg", keys_of(sites.a), public_of(sites.b), many)
    _refused(sites.b, tmp_path / "many.ibpkg", "成员超过 10 个", limits=Limits(members=10))
    _refused(sites.b, tmp_path / "big.ibpkg", "解开后超过上限", limits=Limits(total=4096))


def test_an_attachment_whose_bytes_do_not_match_its_name_is_refused(sites, tmp_path):
    members = {CHANGES: records_bytes(RECORDS), "blobs/" + hashlib.sha256(b"real").hexdigest(): b"fake"}
    manifest = manifest_for(keys_of(sites.a), public_of(sites.b), members)
    craft(tmp_path / "p.ibpkg", keys_of(sites.a), public_of(sites.b), members, manifest=manifest)
    _refused(sites.b, tmp_path / "p.ibpkg", "与其名称不符")


def test_an_export_that_fails_or_is_cancelled_leaves_no_file(sites, tmp_path):
    target = tmp_path / "usb" / "p.ibpkg"
    with pytest.raises(PackageCancelled):
        changes = FakeChangeSet(sites.a.site_id, 0, 30, RECORDS * 200)
        package.write_package(sites.a, keys_of(sites.a), public_of(sites.b), changes, target, ack=0,
                              cancel=lambda: True)
    assert not target.parent.exists() or list(target.parent.iterdir()) == []
    assert package.cursor(sites.a, sites.b.site_id).sent == 0 and package.history(sites.a) == []


def test_only_admins_exchange_packages(sites, tmp_path):
    from app.core import people as P
    P.add_user(sites.b, sites.b.actor(), "L009", "周八", role="leader")
    _export(sites, tmp_path / "p.ibpkg")
    with pytest.raises(PermissionDenied):
        package.import_package(sites.b, sites.b.actor("L009"), tmp_path / "p.ibpkg", apply=RecordingApply(),
                               changeset_type=FakeChangeSet)
    assert identity.public_identity(sites.b).name == "变电站"


def test_acknowledgements_are_capped_and_kept_as_the_engines_cursor(sites, tmp_path):
    from app.sync import prune
    from app.sync.visibility import site_consumer
    from db.sequence import load_cursor
    assert prune.floor(sites.a) == 0  # b is trusted and has confirmed nothing: no tombstone may go
    _export(sites, tmp_path / "to-b.ibpkg", since=0, until=12)
    back = FakeChangeSet(sites.b.site_id, 0, 0, [], set())
    package.write_package(sites.b, keys_of(sites.b), public_of(sites.a), back, tmp_path / "ack.ibpkg", ack=99)
    _import(sites.a, tmp_path / "ack.ibpkg")
    assert package.cursor(sites.a, sites.b.site_id).acked == 12  # never more than was sent
    with sites.a.session() as s:  # tombstones are pruned only below it (the engine's cursors)
        assert load_cursor(s, site_consumer(sites.b.site_id))[0] == 12
    trust.untrust(sites.a, sites.a.actor(), sites.b.site_id)
    with sites.a.session() as s:
        assert load_cursor(s, site_consumer(sites.b.site_id)) is None
    assert package.cursor(sites.a, sites.b.site_id).acked == 0


def test_a_full_usb_stick_leaves_no_half_package(sites, tmp_path):
    """A real ENOSPC: a 64 KB tmpfs stands in for the stick (needs root, as CI runs)."""
    import os

    from app.core.errors import StorageError
    from tests.faults import leftovers, small_fs
    with small_fs(tmp_path, "64k") as stick:
        big = [dict(r, pad=os.urandom(3000).hex()) for r in RECORDS]  # does not compress: ~180 KB
        with pytest.raises(StorageError, match="没有留下不完整的文件"):
            _export(sites, stick / "p.ibpkg", big)
        assert list(stick.iterdir()) == [] and leftovers(stick) == []
        assert package.cursor(sites.a, sites.b.site_id).sent == 0 and package.history(sites.a) == []
