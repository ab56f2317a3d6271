"""The store backends the tests run against: SQLite always, PostgreSQL when a server is at hand.

The PostgreSQL server is ``$WARWATCH_TEST_PG_URL`` (a URL of a role that may create databases,
e.g. ``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``) or, failing that, a throwaway
cluster this module starts with the PostgreSQL binaries it finds (``pg_ctl`` on the PATH or
Debian's ``/usr/lib/postgresql/*/bin``) in a temporary folder, listening on a free loopback
port only, stopped and removed at the end of the session. As root it runs them as the
``postgres`` user (initdb refuses root). With neither, the PostgreSQL cases are skipped and say why.

Each test (or module, for module-scoped fixtures) gets a fresh database copied from a template
that was migrated once per session, so tests start from the current schema without paying for
the migrations each time.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

BACKENDS = ("sqlite", "postgresql")
TEMPLATE = "warwatch_test_template"
_counter = itertools.count(1)


def _bin_dir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(os.path.realpath(found)).parent
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda d: int(Path(d).parent.name)
                  if Path(d).parent.name.isdigit() else 0)
    for d in reversed(dirs):
        if (Path(d) / "pg_ctl").exists() and (Path(d) / "initdb").exists():
            return Path(d)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A throwaway PostgreSQL cluster on 127.0.0.1 (trust authentication, fsync off: test data only)."""

    def __init__(self, bin_dir: Path):
        self.bin = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="warwatch-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")  # KeyError: no such user, handled by the caller
            os.chown(self.folder, pw.pw_uid, pw.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run([*self.as_user, *args], check=True, cwd=self.folder, capture_output=True, timeout=120)

    def start(self) -> str:
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l",
                  str(self.folder / "server.log"), "-w", "-t", "60", "start")
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        except (subprocess.SubprocessError, OSError):
            pass
        shutil.rmtree(self.folder, ignore_errors=True)


def start_server() -> tuple[str | None, str, Cluster | None]:
    """(admin URL or None, why not, the cluster to stop afterwards or None)."""
    url = os.environ.get("WARWATCH_TEST_PG_URL")
    if url:
        return url, "", None
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return None, "psycopg is not installed (pip install 'warwatch[postgresql]')", None
    bin_dir = _bin_dir()
    if bin_dir is None:
        return None, "no PostgreSQL server: set WARWATCH_TEST_PG_URL or install Debian's postgresql", None
    try:
        cluster = Cluster(bin_dir)
    except KeyError:
        return None, "running as root and there is no 'postgres' user to run PostgreSQL as", None
    try:
        return cluster.start(), "", cluster
    except (subprocess.SubprocessError, OSError) as exc:
        log = cluster.folder / "server.log"
        detail = log.read_text(errors="replace")[-500:] if log.exists() else getattr(exc, "stderr", b"")
        cluster.stop()
        return None, f"could not start PostgreSQL from {bin_dir}: {exc} {detail!s}", None


class Databases:
    """Fresh databases on one server, copied from a migrated template."""

    def __init__(self, admin_url: str):
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        self.url = make_url(admin_url)
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT")
        self.prefix = f"warwatch_test_{os.getpid()}_"
        self._template_ready = False

    def _sql(self, statement: str) -> None:
        from sqlalchemy import text

        with self.admin.connect() as conn:
            conn.execute(text(statement))

    def _url(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def _template(self) -> None:
        if self._template_ready:
            return
        from warwatch.store import Store

        self._sql(f"DROP DATABASE IF EXISTS {TEMPLATE}_{os.getpid()} WITH (FORCE)")
        self._sql(f"CREATE DATABASE {TEMPLATE}_{os.getpid()} TEMPLATE template0 ENCODING 'UTF8'")
        Store.open(self._url(f"{TEMPLATE}_{os.getpid()}")).close()
        self._template_ready = True

    def create(self, *, migrated: bool = True) -> str:
        """The URL of a new, empty database (``migrated``: at the current schema)."""
        name = f"{self.prefix}{next(_counter)}"
        if migrated:
            self._template()
            self._sql(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}_{os.getpid()}")
        else:
            self._sql(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'")
        return self._url(name)

    def drop(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        self._sql(f"DROP DATABASE IF EXISTS {make_url(url).database} WITH (FORCE)")

    def close(self) -> None:
        if self._template_ready:
            self._sql(f"DROP DATABASE IF EXISTS {TEMPLATE}_{os.getpid()} WITH (FORCE)")
        self.admin.dispose()
