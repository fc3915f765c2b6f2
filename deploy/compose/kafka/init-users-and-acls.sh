#!/bin/bash
# One-shot (the kafka-init service of docker-compose.yml): the SCRAM-SHA-512 users of the services and their ACLs.
# It shares the broker's network namespace and talks to the broker's loopback-only listener (localhost:19092), the one
# door that needs no password; everything on the compose network must come in through SASL_PLAINTEXT on kafka:9092.
# Idempotent: run again after changing a password in .env (docker compose up kafka-init) and the user gets the new one.
set -euo pipefail
# KAFKA_BOOTSTRAP and KAFKA_BIN are for running it elsewhere: the local platform's secured bus (SecuredBus) runs this
# script against the embedded broker to prove these ACLs without Docker
bootstrap=${KAFKA_BOOTSTRAP:-localhost:19092}
bin=${KAFKA_BIN:-/opt/kafka/bin}
# each tool is a JVM: a small heap, not the broker's
export KAFKA_HEAP_OPTS=-Xmx96m

password_of() {
    local variable=$1 value=${!1:-}
    if [[ ! $value =~ ^[A-Za-z0-9_-]{16,}$ ]]; then
        echo "kafka-init: $variable must be set: 16 or more of A-Z a-z 0-9 _ - (see .env.example)" >&2
        exit 1
    fi
    printf '%s' "$value"
}

scram_user() {
    "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --alter --entity-type users --entity-name "$1" \
        --add-config "SCRAM-SHA-512=[iterations=8192,password=$2]"
}

# allow <principal> <operation...> -- <--topic x | --group y ...>
allow() {
    local principal=$1; shift
    local operations=()
    while [ "$1" != "--" ]; do operations+=(--operation "$1"); shift; done
    shift
    "$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --add --allow-principal "User:$principal" \
        "${operations[@]}" "$@" >/dev/null
}

topics() { for t in "$@"; do printf -- '--topic\n%s\n' "$t"; done; }

members=$(password_of KYOSO_KAFKA_MEMBERS_PASSWORD)
posts=$(password_of KYOSO_KAFKA_POSTS_PASSWORD)
notifications=$(password_of KYOSO_KAFKA_NOTIFICATIONS_PASSWORD)
gateway=$(password_of KYOSO_KAFKA_GATEWAY_PASSWORD)

scram_user members-service "$members"
scram_user posts-service "$posts"
scram_user notifications-service "$notifications"
scram_user gateway "$gateway"

# Create: every service creates the topics its application.yml lists (kyoso.kafka.topics) if they are missing, so the
# start-up order does not matter; creating a topic gives no right to write to it.

# members-service: writes the member events, the notification commands and its dead letters; reads the posts events
# (group members-service) and its own member events (token revocations, read without a group)
mapfile -t t < <(topics kyoso.members.v1 kyoso.notifications.commands.v1 kyoso.posts.v1.members-service.dlt)
allow members-service Write Describe Create -- "${t[@]}"
mapfile -t t < <(topics kyoso.posts.v1 kyoso.members.v1)
allow members-service Read Describe Create -- "${t[@]}"
allow members-service Read -- --group members-service

# posts-service: writes the posts events and its dead letters; reads the member events and its own posts events
# (channel counts; the search index in an anonymous group per instance)
mapfile -t t < <(topics kyoso.posts.v1 kyoso.members.v1.posts-service.dlt kyoso.posts.v1.posts-service-channel-counts.dlt)
allow posts-service Write Describe Create -- "${t[@]}"
mapfile -t t < <(topics kyoso.members.v1 kyoso.posts.v1)
allow posts-service Read Describe Create -- "${t[@]}"
allow posts-service Read -- --group posts-service --group posts-service-channel-counts
allow posts-service Read -- --group anonymous. --resource-pattern-type prefixed

# notifications-service: writes only its live-stream signals and its dead letters; reads the member and posts events
# and the notification commands
mapfile -t t < <(topics kyoso.notifications.stream.v1 kyoso.members.v1.notifications-service.dlt \
    kyoso.posts.v1.notifications-service.dlt kyoso.notifications.commands.v1.notifications-service.dlt)
allow notifications-service Write Describe Create -- "${t[@]}"
mapfile -t t < <(topics kyoso.members.v1 kyoso.posts.v1 kyoso.notifications.commands.v1 kyoso.notifications.stream.v1)
allow notifications-service Read Describe Create -- "${t[@]}"
allow notifications-service Read -- --group notifications-service

# gateway: reads the member events (token revocations, without a group); writes nothing
allow gateway Read Describe -- --topic kyoso.members.v1

echo "kafka-init: users members-service, posts-service, notifications-service, gateway and their ACLs are in place"
"$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --list
