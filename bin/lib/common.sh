# Shared by bin/swapdesk (run locally) and bin/test (the test suite). Sourced, not executed.
# Every helper fails with one line that says what to install or set.

SWAPDESK_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SWAPDESK_LOCAL="$SWAPDESK_ROOT/.local"
LIBERTY_HOME="$SWAPDESK_ROOT/webapp/target/liberty/wlp"
ANVIL_BIN=${ANVIL_BIN:-"$SWAPDESK_ROOT/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"}
SWAPDESK_STARTED_PIDS=()
SWAPDESK_STARTED_POSTGRES=""
SWAPDESK_LOCAL_PG_DIR=""

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'swapdesk: %s\n' "$*" >&2; exit 1; }

java_major() { # prints the major version of the java at $1
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

# Picks a JDK 21+ : JAVA_HOME if it is one, else java on PATH, else the newest under /usr/lib/jvm.
find_jdk() {
  local candidate major best="" best_major=0 on_path=""
  command -v java >/dev/null && on_path=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  for candidate in "${JAVA_HOME:-}" "$on_path" /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate/bin/java")
    [ -n "$major" ] && [ "$major" -ge 21 ] || continue
    if [ -n "${JAVA_HOME:-}" ] && [ "$candidate" = "$JAVA_HOME" ]; then best=$candidate; break; fi
    if [ "$major" -gt "$best_major" ]; then best=$candidate; best_major=$major; fi
  done
  [ -n "$best" ] || die "needs a JDK 21 or newer (found none in JAVA_HOME, on PATH or under /usr/lib/jvm): install one, e.g. 'apt-get install openjdk-21-jdk', or set JAVA_HOME"
  export JAVA_HOME=$best
  export PATH="$JAVA_HOME/bin:$PATH"
}

# Maven 3.8's bundled Guava touches sun.misc.Unsafe; newer JDKs warn on every build. Quiet that, nothing else.
quiet_maven_on_new_jdks() {
  local major
  major=$(java_major "$JAVA_HOME/bin/java")
  if [ "${major:-0}" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}

require_tools() {
  command -v mvn >/dev/null || die "needs Apache Maven 3.8+ on PATH: install it, e.g. 'apt-get install maven'"
  command -v node >/dev/null && command -v npm >/dev/null || die "needs Node.js 20+ and npm on PATH (for anvil and solc): install them, e.g. 'apt-get install nodejs npm'"
  node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' \
    || die "needs Node.js 20 or newer (anvil's package requires it); found $(node --version)"
  command -v curl >/dev/null || die "needs curl on PATH: install it, e.g. 'apt-get install curl'"
  command -v openssl >/dev/null || die "needs openssl on PATH (it makes the token signing key): install it, e.g. 'apt-get install openssl'"
}

# Makes the RSA key pair that signs and verifies sign-in tokens in folder $1, unless it is already there, and points
# the server at it. Keys stay in that folder (never in the repository): a new pair signs out every user.
ensure_token_keys() {
  local dir=$1
  mkdir -p "$dir"
  chmod 700 "$dir"
  if [ ! -s "$dir/private.pem" ] || [ ! -s "$dir/public.pem" ]; then
    say "Generating the token signing key in $dir"
    (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/private.pem" 2>/dev/null) \
      || die "openssl could not generate an RSA key"
    openssl pkey -in "$dir/private.pem" -pubout -out "$dir/public.pem" 2>/dev/null || die "openssl could not write the public key"
  fi
  export IDENTITY_JWT_PRIVATE_KEY_LOCATION="$dir/private.pem"
  export IDENTITY_JWT_PUBLIC_KEY_LOCATION="$dir/public.pem"
}

# Installs the pinned npm tools (anvil, solc) when package-lock.json changed or node_modules is missing.
install_node_tools() {
  local stamp="$SWAPDESK_ROOT/node_modules/.package-lock.json"
  if [ ! -x "$ANVIL_BIN" ] || [ ! -f "$stamp" ] || [ "$SWAPDESK_ROOT/package-lock.json" -nt "$stamp" ]; then
    say "Installing anvil and solc from npm (package-lock.json)"
    # Not 'npm ci': the lock file holds only this platform's anvil binary package (the others' manifests are not
    # always reachable), and ci refuses a lock file without them. install follows the lock file and its integrity
    # hashes just the same, and leaves it unchanged.
    (cd "$SWAPDESK_ROOT" && npm install --no-audit --no-fund --loglevel=error) || die "npm install failed: see above"
  fi
  [ -x "$ANVIL_BIN" ] || die "anvil is missing after npm install ($ANVIL_BIN): this machine may not be linux-amd64; set ANVIL_BIN to an anvil binary"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Prints the first free loopback port at or after $1.
free_port() {
  local port=$1
  while port_in_use "$port"; do port=$((port + 1)); done
  echo "$port"
}

# Prints a free loopback port for a server of the run to listen on, from a random start in the named band: chain,
# http, https, node or source (a stand-in price source). Random, so that two runs side by side (say, in two
# checkouts) do not race for the same ports; the bands are apart, so that two picks made before either server binds
# cannot meet; and all of them lie below Linux's ephemeral range (32768 and up by default): a port in it may be handed
# to an outgoing connection, such as the server's own to PostgreSQL while it starts, between the pick and the bind.
listen_port() {
  local base
  case "$1" in
    chain) base=12000 ;;
    http) base=16000 ;;
    https) base=20000 ;;
    node) base=24000 ;;
    source) base=28000 ;;
    *) die "listen_port: unknown band '$1'" ;;
  esac
  free_port $((base + RANDOM % 3800))
}

# What a benchmark ran on: cores, processor model and clock, memory. Machines of one kind can differ in the processor,
# and figures from two runs compare only on the same one.
machine_summary() {
  local model mhz
  model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
  mhz=$(awk -F': ' '/^cpu MHz/ {printf "%.0f", $2; exit}' /proc/cpuinfo)
  echo "$(nproc) cores (${model:-unknown processor}${mhz:+, $mhz MHz}), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
}

# --- PostgreSQL -------------------------------------------------------------------------------------------

postgres_server_bin() { # the folder with pg_ctl and initdb, newest version first
  local dir
  if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/pg_ctl" ]; then pg_config --bindir; return; fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) /usr/local/pgsql/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return; }
  done
  return 1
}

find_psql() {
  local server_bin
  if command -v psql >/dev/null && command -v pg_isready >/dev/null; then
    PSQL=$(command -v psql); PG_ISREADY=$(command -v pg_isready); return
  fi
  server_bin=$(postgres_server_bin) || die "needs the PostgreSQL client (psql, pg_isready): install it, e.g. 'apt-get install postgresql-client' (or 'postgresql' for a local server too)"
  PSQL="$server_bin/psql"; PG_ISREADY="$server_bin/pg_isready"
}

psql_admin() { # runs SQL against the maintenance database
  PGPASSWORD="$DB_PASSWORD" PGCONNECT_TIMEOUT=5 "$PSQL" -X -q -v ON_ERROR_STOP=1 -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres "$@"
}

# Uses the PostgreSQL at DB_HOST:DB_PORT, or starts a private cluster when none answers there.
ensure_postgres() {
  export DB_HOST=${DB_HOST:-127.0.0.1} DB_PORT=${DB_PORT:-5432} DB_USER=${DB_USER:-postgres} DB_PASSWORD=${DB_PASSWORD:-}
  find_psql
  local ready=0 i
  for i in $(seq 1 30); do
    "$PG_ISREADY" -q -h "$DB_HOST" -p "$DB_PORT" -t 3 && { ready=1; break; }
    [ $? -eq 1 ] || break # 1: up but refusing connections (starting), worth a wait; 2, 3: nobody there
    sleep 1
  done
  if [ "$ready" = 1 ]; then
    psql_admin -c 'select 1' >/dev/null 2>&1 \
      || die "PostgreSQL at $DB_HOST:$DB_PORT refuses user '$DB_USER': set DB_USER and DB_PASSWORD to an account that may create databases"
    say "Using PostgreSQL at $DB_HOST:$DB_PORT"
    return
  fi
  say "No PostgreSQL answers at $DB_HOST:$DB_PORT"
  start_local_postgres
}

as_postgres_user() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@") # from /: the checkout itself may be closed to that user
  else
    "$@"
  fi
}

# Where the private cluster lives: .local/postgres, or (as root, when the unprivileged postgres user cannot reach
# the checkout, e.g. under /root) a folder of its own under /var/tmp.
local_postgres_dir() {
  local dir="$SWAPDESK_LOCAL/postgres"
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root, and PostgreSQL refuses root: create an OS user 'postgres' (apt-get install postgresql does) or run as another user"
    chown postgres "$dir"
    if ! runuser -u postgres -- test -w "$dir"; then
      dir="/var/tmp/swapdesk-postgres-$(printf '%s' "$SWAPDESK_ROOT" | cksum | cut -d' ' -f1)"
      mkdir -p "$dir" && chown postgres "$dir" && chmod 700 "$dir"
    fi
  fi
  echo "$dir"
}

start_local_postgres() {
  local server_bin dir data password_file
  server_bin=$(postgres_server_bin) || die "needs the PostgreSQL server programs (initdb, pg_ctl) to start a local database: install them, e.g. 'apt-get install postgresql', or point DB_HOST/DB_PORT at a running server"
  dir=$(local_postgres_dir)
  data="$dir/data"
  password_file="$dir/password"
  DB_HOST=127.0.0.1
  DB_USER=postgres
  if [ ! -f "$data/PG_VERSION" ]; then
    say "Creating a local PostgreSQL cluster in $dir"
    # A generated password (scram), kept beside the cluster and readable by its owner only: not every local user
    # becomes a superuser, as with trust authentication.
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$password_file")
    [ "$(id -u)" -eq 0 ] && chown postgres "$password_file"
    as_postgres_user "$server_bin/initdb" -D "$data" -U postgres --auth=scram-sha-256 --pwfile="$password_file" \
      -E UTF8 >"$dir/initdb.log" 2>&1 || die "initdb failed: see $dir/initdb.log"
  fi
  DB_PASSWORD=$(cat "$password_file")
  if as_postgres_user "$server_bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    # Started by another run that is still going (or was killed): use it, and leave it to its owner.
    DB_PORT=$(sed -n 4p "$data/postmaster.pid")
    say "Using the local PostgreSQL already running on 127.0.0.1:$DB_PORT ($dir)"
  else
    DB_PORT=$(free_port "${SWAPDESK_LOCAL_PG_PORT:-55432}")
    say "Starting a local PostgreSQL on 127.0.0.1:$DB_PORT ($dir)"
    as_postgres_user "$server_bin/pg_ctl" -D "$data" -l "$dir/postgres.log" -w -t 60 \
      -o "-p $DB_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" start >/dev/null \
      || die "PostgreSQL did not start: see $dir/postgres.log"
    SWAPDESK_STARTED_POSTGRES="$server_bin/pg_ctl|$data"
  fi
  SWAPDESK_LOCAL_PG_DIR=$dir
  export DB_HOST DB_PORT DB_USER DB_PASSWORD
}

stop_local_postgres() {
  [ -n "$SWAPDESK_STARTED_POSTGRES" ] || return 0
  as_postgres_user "${SWAPDESK_STARTED_POSTGRES%%|*}" -D "${SWAPDESK_STARTED_POSTGRES#*|}" -m fast -w stop >/dev/null 2>&1 || true
  SWAPDESK_STARTED_POSTGRES=""
}

create_database_if_missing() {
  local name=$1
  if ! psql_admin -tAc "select 1 from pg_database where datname = '$name'" | grep -q 1; then
    psql_admin -c "create database \"$name\"" || die "could not create database $name"
  fi
}

# --- chains -----------------------------------------------------------------------------------------------

rpc_chain_id() { # prints the chain id answering at URL $1
  curl -sf -m 2 -H 'content-type: application/json' \
    -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$1" 2>/dev/null | sed -n 's/.*"result":"\(0x[0-9a-fA-F]*\)".*/\1/p'
}

# Starts anvil: start_anvil PORT CHAIN_ID LOG. One block a second, so head age and confirmations behave like a chain.
start_anvil() {
  local port=$1 chain_id=$2 log=$3 i
  port_in_use "$port" && die "port $port is taken: stop what uses it or choose other chain ports (see README)"
  "$ANVIL_BIN" --host 127.0.0.1 --port "$port" --chain-id "$chain_id" --block-time 1 --silent >"$log" 2>&1 &
  SWAPDESK_STARTED_PIDS+=("$!")
  for i in $(seq 1 100); do
    [ -n "$(rpc_chain_id "http://127.0.0.1:$port")" ] && return 0
    sleep 0.1
  done
  die "anvil (chain $chain_id) did not answer on port $port: see $log"
}

stop_started_processes() {
  local pid
  for pid in "${SWAPDESK_STARTED_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${SWAPDESK_STARTED_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  SWAPDESK_STARTED_PIDS=()
}

# --- Liberty ----------------------------------------------------------------------------------------------

# An in-container test archive left in dropins by an interrupted run would be redeployed with the server
# (and a failed one keeps readiness DOWN): start every server clean.
clean_server_leftovers() { # clean_server_leftovers SERVER_NAME
  local server="$LIBERTY_HOME/usr/servers/$1"
  rm -rf "$server/dropins" "$server/apps/expanded"
}

# Stops the named server if it runs. The test run and the local run use different server names (swapdesk-test,
# swapdesk), so neither stops the other's.
stop_liberty_server() { # stop_liberty_server SERVER_NAME
  [ -x "$LIBERTY_HOME/bin/server" ] || return 0
  "$LIBERTY_HOME/bin/server" stop "$1" >/dev/null 2>&1 || true
}
