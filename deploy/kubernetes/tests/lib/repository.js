// What the rest of the repository says the deployment must provide: the services' application.yml (placeholders,
// topics, consumer groups, health groups), the compose Kafka ACL script and the compose alert rules.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { REPOSITORY_DIR, parseDocuments } from './render.js';

export const SERVICES = ['gateway', 'members-service', 'posts-service', 'notifications-service'];

const configs = new Map();

/**
 * A service's src/main/resources/application.yml: the documents that are always active (a document with
 * spring.config.activate applies to a profile only and is left out).
 */
export function applicationYml(service) {
  if (!configs.has(service)) {
    const file = path.join(REPOSITORY_DIR, service, 'src', 'main', 'resources', 'application.yml');
    const documents = parseDocuments(fs.readFileSync(file, 'utf8'), file)
      .filter((document) => !document?.spring?.config?.activate);
    configs.set(service, { file, documents });
  }
  return configs.get(service);
}

/** A property by its dotted path in the first active document that has it (kebab-case keys, as written). */
export function property(service, dotted) {
  for (const document of applicationYml(service).documents) {
    let value = document;
    for (const key of dotted.split('.')) {
      value = value?.[key];
    }
    if (value !== undefined) {
      return value;
    }
  }
  return undefined;
}

function strings(value, out = []) {
  if (typeof value === 'string') {
    out.push(value);
  } else if (Array.isArray(value)) {
    value.forEach((item) => strings(item, out));
  } else if (value && typeof value === 'object') {
    Object.values(value).forEach((item) => strings(item, out));
  }
  return out;
}

/**
 * The environment-style placeholders (${UPPER_CASE...}) in a service's active configuration, each with whether it has
 * a default (${NAME:default}) or not (${NAME}). Nested placeholders inside defaults are found as well.
 */
export function environmentPlaceholders(service) {
  const found = new Map();
  for (const text of strings(applicationYml(service).documents)) {
    for (const match of text.matchAll(/\$\{([A-Z][A-Z0-9_]*)(:|\})/g)) {
      const [, name, next] = match;
      const hasDefault = next === ':';
      found.set(name, (found.get(name) ?? false) || hasDefault);
    }
  }
  return [...found].map(([name, hasDefault]) => ({ name, hasDefault }));
}

/** Duration text of Spring ("7d", "1h", "30s", "500ms") in milliseconds. */
export function durationMillis(text) {
  if (typeof text === 'number') {
    return text;
  }
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(String(text).trim());
  if (!match) {
    throw new Error(`not a duration: ${text}`);
  }
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] ?? 'ms'];
  return Number(match[1]) * unit;
}

/**
 * Everything a service says about Kafka topics (with the Deployment's environment, if given, for
 * KYOSO_KAFKA_DEFAULTPARTITIONS):
 *  - declared: kyoso.kafka.topics (name, partitions or the default, retention in ms or null)
 *  - consumers: every binding with a destination (group or null: an anonymous group per instance), the revocation
 *    feed (no group) and notifications-service's live-stream listener (no group)
 *  - deadLetters: dlq-name -> the binding's destination
 */
export function kafkaUsage(service, environment = new Map()) {
  const fromEnvironment = environment.get('KYOSO_KAFKA_DEFAULTPARTITIONS')?.value;
  const defaultPartitions = fromEnvironment !== undefined ? Number(fromEnvironment)
    : property(service, 'kyoso.kafka.default-partitions') ?? 6;
  const declared = (property(service, 'kyoso.kafka.topics') ?? []).map((topic) => ({
    name: topic.name,
    partitions: topic.partitions ?? defaultPartitions,
    retentionMs: topic.retention === undefined ? null : durationMillis(topic.retention),
  }));
  const bindings = property(service, 'spring.cloud.stream.bindings') ?? {};
  const kafkaBindings = property(service, 'spring.cloud.stream.kafka.bindings') ?? {};
  const consumers = [];
  const deadLetters = [];
  for (const [binding, settings] of Object.entries(bindings)) {
    if (!settings.destination || !binding.includes('-in-')) {
      continue;
    }
    consumers.push({ binding, topic: settings.destination, group: settings.group ?? null });
    const dlq = kafkaBindings[binding]?.consumer?.['dlq-name'];
    if (dlq) {
      deadLetters.push({ name: dlq, source: settings.destination, binding });
    }
  }
  const revocations = service === 'gateway'
    ? property(service, 'kyoso.revocations.topic')
    : property(service, 'kyoso.security.revocations.enabled') === false ? undefined : 'kyoso.members.v1';
  if (revocations) {
    consumers.push({ binding: 'revocations', topic: revocations, group: null });
  }
  const stream = property(service, 'kyoso.stream.topic');
  if (stream) {
    consumers.push({ binding: 'live-stream', topic: stream, group: null });
  }
  return { declared, consumers, deadLetters };
}

/** Every topic name a service's application.yml names (declared, consumed, dead letters). */
export function topicNames(service) {
  const usage = kafkaUsage(service);
  return new Set([
    ...usage.declared.map((topic) => topic.name),
    ...usage.consumers.map((consumer) => consumer.topic),
    ...usage.deadLetters.map((dlq) => dlq.name),
  ]);
}

export const COMPOSE_ACL_SCRIPT = path.join(REPOSITORY_DIR, 'deploy', 'compose', 'kafka', 'init-users-and-acls.sh');

/**
 * The ACLs deploy/compose/kafka/init-users-and-acls.sh grants, as "principal|type|name|pattern|operation" strings.
 * It reads the script's own vocabulary: `mapfile -t t < <(topics A B ...)` fills the topic list that the next
 * `allow <principal> <Operation...> -- "${t[@]}"` uses; `allow ... -- --group X [--group Y]
 * [--resource-pattern-type prefixed]` and `allow ... -- --topic X` name their resources directly.
 */
export function composeAcls(text = fs.readFileSync(COMPOSE_ACL_SCRIPT, 'utf8')) {
  const lines = text.replace(/\\\n\s*/g, ' ').split('\n').map((line) => line.trim());
  const acls = new Set();
  let topics = [];
  for (const line of lines) {
    const mapfile = /^mapfile -t t < <\(topics (.+)\)$/.exec(line);
    if (mapfile) {
      topics = mapfile[1].trim().split(/\s+/);
      continue;
    }
    const allow = /^allow (\S+) (.+?) -- (.+)$/.exec(line);
    if (!allow) {
      continue;
    }
    const [, principal, operationText, resourceText] = allow;
    const operations = operationText.trim().split(/\s+/);
    const pattern = /--resource-pattern-type prefixed/.test(resourceText) ? 'prefix' : 'literal';
    const resources = [];
    if (resourceText.includes('"${t[@]}"')) {
      topics.forEach((name) => resources.push(['topic', name]));
    }
    for (const [, type, name] of resourceText.matchAll(/--(topic|group) (\S+)/g)) {
      resources.push([type, name]);
    }
    if (resources.length === 0) {
      throw new Error(`cannot read the resources of: ${line}`);
    }
    for (const [type, name] of resources) {
      for (const operation of operations) {
        acls.add(`${principal}|${type}|${name}|${pattern}|${operation}`);
      }
    }
  }
  return acls;
}

export const COMPOSE_ALERTS = path.join(REPOSITORY_DIR, 'deploy', 'compose', 'prometheus', 'alerts.yml');

/** The groups of deploy/compose/prometheus/alerts.yml, or null while that file does not exist. */
export function composeAlertGroups() {
  if (!fs.existsSync(COMPOSE_ALERTS)) {
    return null;
  }
  return YAML.parse(fs.readFileSync(COMPOSE_ALERTS, 'utf8')).groups;
}
