"""The production configuration on this machine, for bench/throughput.py and bench/fault.py:
PostgreSQL and Redis from scripts/, gunicorn with deploy/gunicorn.conf.py and the production
settings, everything on 127.0.0.1 and stopped again by whoever started it (`Services`)."""

import http.client
import os
import pwd
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
BASE_DIR = BENCH_DIR.parent
DEPLOY_DIR = BASE_DIR / "deploy"
SCRIPTS_DIR = BASE_DIR / "scripts"
DEV_SETTINGS = "millenniekommunerna.settings.dev"
PRODUCTION_SETTINGS = "millenniekommunerna.settings.production"


class StackError(Exception):
    """Something went wrong starting or talking to a service: stop, say why, clean up."""


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def user_name() -> str:
    return pwd.getpwuid(os.getuid()).pw_name


def script(name: str, verb: str, *args: str, env: dict | None = None) -> str:
    """Run scripts/<name> <verb> [args] (postgres.sh, redis.sh); what it printed."""
    return subprocess.run(
        [str(SCRIPTS_DIR / name), verb, *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    ).stdout.strip()


class Services:
    """Everything this run starts, stopped in reverse order by stop_all()."""

    def __init__(self, keep_services: bool = False):
        self.keep_services = keep_services
        self.stoppers: list[tuple[str, object]] = []

    def script_service(self, name: str, script_name: str, port: int, env: dict | None = None):
        """Start PostgreSQL or Redis with its script unless it already runs; its URL. `env`
        chooses the script's port and directory (PG_PORT, PG_STATE_DIR, REDIS_PORT, …)."""
        already = port_open(port)
        url = script(script_name, "start", env=env)
        if already:
            progress(f"{name} already runs on 127.0.0.1:{port}: using it, leaving it running.")
        elif self.keep_services:
            progress(f"Started {name} on 127.0.0.1:{port}; --keep-services leaves it running.")
        else:
            progress(f"Started {name} on 127.0.0.1:{port}.")
            self.stoppers.append((name, lambda: script(script_name, "stop", env=env)))
        return url

    def process(self, name: str, command: list[str], env: dict, log: Path) -> subprocess.Popen:
        with log.open("ab") as out:
            proc = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        self.stoppers.append((name, proc))
        return proc

    def stop(self, proc: subprocess.Popen) -> None:
        self.stoppers = [(n, s) for n, s in self.stoppers if s is not proc]
        terminate(proc)

    def stop_all(self) -> None:
        while self.stoppers:
            name, stopper = self.stoppers.pop()
            progress(f"Stopping {name}.")
            if isinstance(stopper, subprocess.Popen):
                terminate(stopper)
            else:
                stopper()


def terminate(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def wait_until_answers(port: int, proc: subprocess.Popen, name: str, log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise StackError(f"{name} exited with {proc.returncode}; see {log}")
        try:
            fetch(port, "/robots.txt", {})
            return
        except OSError:
            time.sleep(0.3)
    raise StackError(f"{name} did not answer on 127.0.0.1:{port} within 90 s; see {log}")


def fetch(port: int, path: str, headers: dict, timeout: float = 120) -> tuple[int, dict, bytes]:
    """One GET, redirects not followed: (status, headers, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1", **headers})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def run(command: list[str], env: dict, echo: bool = False) -> str:
    """Run a command from the project's directory; its output (shown too with echo). A failure
    is a StackError with the output."""
    proc = subprocess.Popen(
        command,
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=None if echo else subprocess.STDOUT,
        text=True,
    )
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if echo:
            progress(line.rstrip("\n"))
    proc.wait()
    output = "".join(lines)
    if proc.returncode:
        raise StackError(f"{' '.join(command[:4])} … failed ({proc.returncode}):\n{output[-3000:]}")
    return output


def production_env(
    *,
    database_url: str,
    redis_url: str,
    static_root: Path,
    media_root: Path,
    public_root_url: str,
    secret_key: str | None = None,
) -> dict:
    """The environment of the production settings on plain HTTP at 127.0.0.1."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": PRODUCTION_SETTINGS,
        # Throw-away, new each run unless given: nothing signed by a run outlives it. Processes
        # that share sessions must get the same one.
        "SECRET_KEY": secret_key or os.urandom(32).hex(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PUBLIC_ROOT_URL": public_root_url,
        "DATABASE_URL": database_url,
        "DB_CONN_MAX_AGE": "60",
        "REDIS_URL": redis_url,
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
        "TRUSTED_PROXY_COUNT": "1",
        # Differences from a real site, both because everything comes from one client on
        # plain HTTP: no redirect to HTTPS, and no rate limits on the API and on the expensive
        # pages such as search (wrk would get 429s).
        "SECURE_SSL_REDIRECT": "false",
        "API_RATE_LIMIT": "0",
        "EXPENSIVE_RATE_LIMIT": "0",
        "LOG_LEVEL": "WARNING",
    }


def dev_env(*, database_url: str, redis_url: str, static_root: Path, media_root: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": DEV_SETTINGS,
        "DATABASE_URL": database_url,
        # Commands tell the shared cache that the stories changed.
        "REDIS_URL": redis_url,
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
    }


def collectstatic(env: dict, app_dir: Path = BASE_DIR) -> None:
    """collectstatic into the env's STATIC_ROOT (the production settings' manifest storage
    refuses to render a page without it). `app_dir`: the checkout whose code runs."""
    Path(env["STATIC_ROOT"]).mkdir(parents=True, exist_ok=True)
    Path(env["MEDIA_ROOT"]).mkdir(parents=True, exist_ok=True)
    manage = str(Path(app_dir) / "manage.py")
    run([sys.executable, manage, "collectstatic", "--noinput", "-v0"], env=env)


def start_gunicorn(
    services: Services,
    env: dict,
    port: int,
    workers: int,
    log: Path,
    name: str = "gunicorn",
    app_dir: Path = BASE_DIR,
) -> subprocess.Popen:
    """gunicorn with deploy/gunicorn.conf.py on 127.0.0.1:port, once it answers. `app_dir`: the
    checkout whose code it serves (another commit's, to compare against)."""
    env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_LOG_LEVEL": "warning",
    }
    app_dir = Path(app_dir)
    command = [sys.executable, "-m", "gunicorn", "-c", str(app_dir / "deploy" / "gunicorn.conf.py")]
    command += ["--chdir", str(app_dir)]
    proc = services.process(name, [*command, "millenniekommunerna.wsgi"], env=env, log=log)
    wait_until_answers(port, proc, name, log)
    return proc


def start_nginx(
    services: Services,
    *,
    port: int,
    upstream_port: int,
    nginx_dir: Path,
    static_root: Path,
    media_root: Path,
) -> subprocess.Popen:
    """nginx with the site file of deploy/nginx/ (micro-cache, gzip, static and media) on
    127.0.0.1:port in front of the app on upstream_port; its files in nginx_dir (emptied)."""
    sys.path.insert(0, str(DEPLOY_DIR))
    from render import render_file

    shutil.rmtree(nginx_dir, ignore_errors=True)
    (nginx_dir / "cache").mkdir(parents=True)
    site = nginx_dir / "millenniekommunerna.conf"
    site.write_text(
        render_file(
            DEPLOY_DIR / "nginx" / "millenniekommunerna.conf.template",
            {
                "MK_LISTEN": f"127.0.0.1:{port}",
                "MK_SERVER_NAME": "127.0.0.1 localhost",
                "MK_UPSTREAM": f"127.0.0.1:{upstream_port}",
                "MK_STATIC_ROOT": str(static_root),
                "MK_MEDIA_ROOT": str(media_root),
                "MK_CACHE_DIR": str(nginx_dir / "cache"),
            },
        )
    )
    main = nginx_dir / "nginx.conf"
    main.write_text(
        render_file(
            DEPLOY_DIR / "nginx" / "nginx.conf.template",
            {
                # Workers as this user, so that they can read var/ and write the cache.
                "MK_NGINX_USER": user_name(),
                "MK_RUN_DIR": str(nginx_dir),
                "MK_ACCESS_LOG": "off",
                "MK_SITE_CONF": str(site),
            },
        )
    )
    base = ["nginx", "-p", str(nginx_dir), "-e", str(nginx_dir / "error.log")]
    base += ["-c", str(main)]
    run([*base, "-t", "-q"], env=os.environ)
    log = nginx_dir / "stderr.log"
    proc = services.process("nginx", [*base, "-g", "daemon off;"], os.environ, log)
    wait_until_answers(port, proc, "nginx", nginx_dir / "error.log")
    return proc
