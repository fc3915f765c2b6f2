#!/bin/bash
# Wraps the mongo image's own entrypoint. With authentication on, a replica set (even of one node) needs a key file
# for its members to authenticate each other; this node's is made once and kept in the mongo-config volume. It never
# leaves the container and no other member exists, so it is not one of the secrets in .env.
set -euo pipefail
keyfile=/data/configdb/kyoso-replica.key
if [ ! -s "$keyfile" ]; then
    openssl rand -base64 756 > "$keyfile"
fi
chown mongodb:mongodb "$keyfile"
chmod 400 "$keyfile"
exec /usr/local/bin/docker-entrypoint.sh "$@"
