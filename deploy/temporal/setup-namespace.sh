#!/bin/sh
# Waits for the Temporal server, then creates the namespace and the search attributes Tramontane upserts
# (MistralWorkflowName, MistralState, MistralCronTrigger: Keyword, filterable in the Web UI). Idempotent.
set -eu
ns="${TEMPORAL_NAMESPACE:-default}"
tries=0
until temporal operator cluster health >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 60 ]; then echo "Temporal at $TEMPORAL_ADDRESS is not healthy after 120 s" >&2; exit 1; fi
  sleep 2
done
temporal operator namespace describe -n "$ns" >/dev/null 2>&1 \
  || temporal operator namespace create -n "$ns" --retention "${NAMESPACE_RETENTION:-30d}"
for attr in MistralWorkflowName MistralState MistralCronTrigger; do
  if temporal operator search-attribute list -n "$ns" | grep -q "$attr"; then
    echo "search attribute $attr exists"
  else
    temporal operator search-attribute create -n "$ns" --name "$attr" --type Keyword
  fi
done
echo "namespace $ns is ready"
