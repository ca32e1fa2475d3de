"""`ideabank site show|key|trust|untrust|list|rename|rekey`: this site's identity and the sites it trusts."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.context import Context, Subparsers
from app.cli.table import render
from app.core.errors import ValidationError
from app.core.i18n import t
from app.sync import identity, trust
from app.sync.identity import PublicIdentity
from app.sync.package import cursor


def register(sub: Subparsers) -> None:
    p = sub.add_parser("site", help=t("本站点身份、密钥与信任的站点", "this site's identity, keys and trusted sites"))
    ss = p.add_subparsers(dest="site_command", metavar="ACTION")
    ss.required = True
    show = ss.add_parser("show", help=t("显示本站点的编号、名称、代码和密钥指纹",
                                        "show this site's id, name, code and key fingerprints"))
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)
    key = ss.add_parser("key", help=t("导出本站点的公钥文件（自签名），带到其他站点去信任",
                                      "write this site's public key file (self-signed) to carry to another site"))
    key.add_argument("-o", "--output", required=True, metavar="FILE")
    key.set_defaults(handler=run_key)
    tr = ss.add_parser("trust", help=t("信任另一个站点的公钥文件", "trust another site's key file"))
    tr.add_argument("file")
    tr.add_argument("--replace", action="store_true",
                    help=t("该站点已被信任但换了密钥时，用新密钥替换", "replace the keys of a site already trusted"))
    tr.set_defaults(handler=run_trust)
    un = ss.add_parser("untrust", help=t("不再信任某站点（例如笔记本丢失）", "stop trusting a site (a lost laptop)"))
    un.add_argument("site", help=t("站点编号、代码或名称", "site id, code or name"))
    un.set_defaults(handler=run_untrust)
    ls = ss.add_parser("list", help=t("列出已信任的站点和交换进度", "list trusted sites and package progress"))
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_list)
    pp = ss.add_parser("people", help=t("设置某站点哪些人可以看到秘密级项目（决定其交换包是否携带秘密级项目）",
                                        "set who at a site may see secret projects (decides what its packages carry)"))
    pp.add_argument("site", help=t("站点编号、代码或名称", "site id, code or name"))
    pp.add_argument("employee_no", nargs="*", help=t("该站点人员的工号", "employee numbers of that site's people"))
    pp.add_argument("--all", action="store_true", help=t("该站点由管理员使用，可看到全部项目",
                                                         "the site is run by an administrator who may see everything"))
    pp.set_defaults(handler=run_people)
    rn = ss.add_parser("rename", help=t("设置本站点的名称", "set this site's name"))
    rn.add_argument("name")
    rn.set_defaults(handler=run_rename)
    rk = ss.add_parser("rekey", help=t("为本站点生成新密钥（密钥丢失或泄露时）", "make new keys for this site (lost or leaked)"))
    rk.set_defaults(handler=run_rekey)


def keys_json(site: PublicIdentity) -> dict[str, Any]:
    return {"signing": {"algorithm": "Ed25519", "fingerprint": site.sign_fingerprint},
            "encryption": {"algorithm": "X25519", "fingerprint": site.kx_fingerprint}}


def site_json(site: PublicIdentity) -> dict[str, Any]:
    return {"id": site.site_id, "name": site.name, "code": site.code, "keys": keys_json(site)}


def _print_site(site: PublicIdentity) -> None:
    print(f"{t('站点', 'Site')}: {site.name} ({site.code})")
    print(f"{t('编号', 'Id')}: {site.site_id}")
    print(f"{t('签名密钥指纹', 'Signing key fingerprint')} (Ed25519): {site.sign_fingerprint}")
    print(f"{t('加密密钥指纹', 'Encryption key fingerprint')} (X25519): {site.kx_fingerprint}")


def run_show(args: argparse.Namespace, ctx: Context) -> int:
    site = identity.public_identity(ctx.bank())
    if args.json:
        ctx.print_json(site_json(site))
    else:
        _print_site(site)
    return 0


def run_key(args: argparse.Namespace, ctx: Context) -> int:
    site = trust.export_key(ctx.bank(), Path(args.output).expanduser())
    ctx.info(t("已写出本站点的公钥文件 {p}。对方信任前，请通过电话或当面核对签名指纹：{fp}",
               "Wrote this site's key file {p}. Before the other site trusts it, compare the signing fingerprint "
               "by telephone or in person: {fp}", p=args.output, fp=site.sign_fingerprint))
    return 0


def run_trust(args: argparse.Namespace, ctx: Context) -> int:
    result = trust.trust(ctx.bank(), ctx.actor, Path(args.file).expanduser(), replace=args.replace)
    site = result.site
    message = {
        "new": t("已信任站点“{n}”（{c}）。", "Now trusting site '{n}' ({c})."),
        "same": t("站点“{n}”（{c}）已被信任，密钥相同，没有变化。", "Site '{n}' ({c}) was already trusted with these keys; "
                  "nothing changed."),
        "updated": t("站点“{n}”（{c}）已被信任，已更新其名称或代码。", "Site '{n}' ({c}) was already trusted; its name or "
                     "code was updated."),
        "replaced": t("已用新密钥重新信任站点“{n}”（{c}）。", "Site '{n}' ({c}) is now trusted with its new keys."),
    }[result.status]
    print(message.format(n=site.name, c=site.code))
    print(f"{t('签名密钥指纹', 'Signing key fingerprint')}: {site.sign_fingerprint}")
    print(t("请与对方站点核对这个指纹（电话或当面）；不一致时立即运行 `ideabank site untrust {c}`。",
            "Compare this fingerprint with the other site (by telephone or in person); if it differs, run "
            "`ideabank site untrust {c}` at once.", c=site.code))
    return 0


def run_untrust(args: argparse.Namespace, ctx: Context) -> int:
    site = trust.untrust(ctx.bank(), ctx.actor, args.site)
    ctx.info(t("已不再信任站点“{n}”（{c}）：它的交换包将被拒绝。", "No longer trusting site '{n}' ({c}): its packages "
               "will be refused.", n=site.name, c=site.code))
    return 0


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank()
    rows = []
    for site in trust.trusted_sites(bank):
        c = cursor(bank, site.site_id)
        rows.append(dict(site_json(site), people=trust.people(bank, site.site_id), packages={
            "acknowledged": c.acked, "sent": c.sent, "received": c.received_up_to,
            "last_sent_at": c.last_sent_at.isoformat(timespec="seconds") if c.last_sent_at else None,
            "last_received_at": c.last_received_at.isoformat(timespec="seconds") if c.last_received_at else None}))
    if args.json:
        ctx.print_json(rows)
        return 0
    if not rows:
        ctx.info(t("还没有信任任何站点。", "No site is trusted yet."))
        return 0
    print(render([t("名称", "Name"), t("代码", "Code"), t("签名指纹", "Signing fingerprint"), t("对方已确认", "Acked"),
                  t("已收到", "Received")],
                 [[r["name"], r["code"], r["keys"]["signing"]["fingerprint"], r["packages"]["acknowledged"],
                   r["packages"]["received"]] for r in rows]))
    return 0


def run_people(args: argparse.Namespace, ctx: Context) -> int:
    if bool(args.all) == bool(args.employee_no):
        raise ValidationError(t("请给出工号，或者 --all（二选一）。", "Give employee numbers, or --all (one of the two)."))
    ids = trust.set_people(ctx.bank(), ctx.actor, args.site, args.employee_no, everyone=args.all)
    ctx.info(t("已记录该站点的人员（{n}）：发给它的交换包将带上其中有人可以看到的秘密级项目。",
               "Recorded that site's people ({n}): its packages carry the secret projects one of them may see.",
               n=t("全部", "everyone") if args.all else len(ids)))
    return 0


def run_rename(args: argparse.Namespace, ctx: Context) -> int:
    site = identity.rename(ctx.bank(), ctx.actor, args.name)
    ctx.info(t("本站点名称已设为“{n}”。已信任本站点的站点会在下一个交换包中看到新名称。",
               "This site is now called '{n}'. Sites that trust it see the new name with its next package.",
               n=site.name))
    return 0


def run_rekey(args: argparse.Namespace, ctx: Context) -> int:
    site = identity.rekey(ctx.bank(), ctx.actor).public
    _print_site(site)
    ctx.info(t("已生成新密钥。请用 `ideabank site key -o 文件` 导出新的公钥文件，让其他站点用 --replace 重新信任。",
               "New keys made. Write the new key file with `ideabank site key -o FILE` and have the other sites "
               "trust it again with --replace."))
    return 0
