"""What every subcommand needs: the bank (opened on first use), the acting user, output helpers."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TypeAlias

from app.core.actor import Actor
from app.core.bank import LOCAL_ADMIN, Bank
from app.core.i18n import t

# What each cmd_*.register(sub) receives: argparse's own type, generic only to type checkers (a string, so
# nothing subscripts the class at run time).
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class Context:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._bank: Bank | None = None

    def bank(self, *, create: bool = True, fresh: bool = False) -> Bank:
        if self._bank is None:
            # A command that only reads (set_defaults(reads_only=True)) does not wait for, or share
            # its cores with, the file check that guards writes (see Bank.open).
            self._bank = Bank.open(self.args.data_dir, self.args.db_url, create=create, fresh=fresh,
                                   check_now=not getattr(self.args, "reads_only", False))
        return self._bank

    @property
    def actor(self) -> Actor:
        return self.bank().actor(self.args.as_user or LOCAL_ADMIN)

    def close(self) -> None:
        if self._bank is not None:
            try:
                if self._bank.backup_due():
                    self.info(t("正在进行自动备份……", "taking the automatic backup..."))
            except Exception:  # noqa: BLE001 - a question about a backup never fails the command
                pass
            self._bank.close()
            if self._bank.auto_backup_error is not None:
                self.info(t("注意：自动备份未能完成：{m}", "note: the automatic backup failed: {m}",
                            m=self._bank.auto_backup_error.message))

    @staticmethod
    def print_json(data: Any) -> None:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")

    @staticmethod
    def info(message: str) -> None:
        """Progress and confirmations go to stderr, so stdout stays clean for --json."""
        print(message, file=sys.stderr)
