#!/usr/bin/env python3
"""Writes Handoff's Grafana dashboards (monitoring/grafana/dashboards/*.json) from the panel lists below.

The JSON files are what Grafana provisions and what ObservabilityIT evaluates against a real Prometheus;
edit the panels here and run `python3 monitoring/grafana/dashboards.py` to regenerate them. Every query
uses fixed windows ([30s], [1m]) rather than Grafana-only variables, so the test can run each one verbatim,
and none names a scrape job: each Prometheus names its jobs its own way, while every Handoff meter carries
its own role and instance labels.
docs/METRICS.md explains every meter these panels show.
"""
import json
import pathlib

# Every panel asks the dashboard's "datasource" variable, not a fixed uid: imported into any Grafana, the
# dashboards offer its Prometheus data sources instead of showing "datasource not found".
DATASOURCE = {"type": "prometheus", "uid": "${datasource}"}
DATASOURCE_VARIABLE = {"name": "datasource", "label": "Prometheus", "type": "datasource", "query": "prometheus",
                       "current": {}, "hide": 0, "refresh": 1, "regex": "", "options": []}
HERE = pathlib.Path(__file__).resolve().parent / "dashboards"


def panel(title, description, targets, unit="short", kind="timeseries", width=12, height=8, stack=False):
    return {"title": title, "description": description, "type": kind, "unit": unit, "targets": targets,
            "width": width, "height": height, "stack": stack}


def q(expr, legend):
    return {"expr": expr, "legend": legend}


def dashboard(uid, title, description, panels):
    out, x, y, row_height = [], 0, 0, 0
    for i, p in enumerate(panels, start=1):
        if x + p["width"] > 24:
            x, y, row_height = 0, y + row_height, 0
        field_config = {"defaults": {"unit": p["unit"]}, "overrides": []}
        options = {}
        if p["type"] == "timeseries":
            field_config["defaults"]["custom"] = {
                "lineWidth": 2, "fillOpacity": 15 if p["stack"] else 5, "showPoints": "never",
                "stacking": {"mode": "normal" if p["stack"] else "none"}}
            options = {"legend": {"displayMode": "list", "placement": "bottom"}, "tooltip": {"mode": "multi"}}
        elif p["type"] == "stat":
            options = {"reduceOptions": {"calcs": ["lastNotNull"]}, "colorMode": "value", "graphMode": "area"}
        out.append({
            "id": i, "type": p["type"], "title": p["title"], "description": p["description"],
            "datasource": DATASOURCE,
            "gridPos": {"x": x, "y": y, "w": p["width"], "h": p["height"]},
            "fieldConfig": field_config, "options": options,
            "targets": [{"refId": chr(ord("A") + j), "datasource": DATASOURCE, "expr": t["expr"],
                         "legendFormat": t["legend"], "range": True} for j, t in enumerate(p["targets"])],
        })
        x += p["width"]
        row_height = max(row_height, p["height"])
    return {"uid": uid, "title": title, "description": description, "tags": ["handoff"], "editable": True,
            "schemaVersion": 39, "version": 1, "refresh": "5s", "time": {"from": "now-15m", "to": "now"},
            "timepicker": {}, "templating": {"list": [DATASOURCE_VARIABLE]}, "annotations": {"list": []}, "panels": out,
            "links": [{"title": "Handoff", "type": "dashboards", "tags": ["handoff"], "asDropdown": True}]}


OVERVIEW = dashboard("handoff-overview", "Handoff / Overview",
    "How fast is it going, and is anything backing up: produce vs consume rate, end-to-end latency, lag, credits.", [
    panel("Produced", "Items Kafka acknowledged, all producers (handoff_items_produced_total)",
          [q("sum(handoff_items_produced_total)", "produced")], kind="stat", width=6, height=4),
    panel("Consumed", "Items applied and published as results, all consumers (handoff_items_consumed_total)",
          [q("sum(handoff_items_consumed_total)", "consumed")], kind="stat", width=6, height=4),
    panel("Malformed to dead letters", "Records that were not valid items (handoff_items_malformed_total)",
          [q("sum(handoff_items_malformed_total)", "malformed")], kind="stat", width=6, height=4),
    panel("Ledger drift", "Money lost or invented, all consumers: 0 in every safe lock mode (handoff_ledger_drift)",
          [q("sum(handoff_ledger_drift)", "drift")], kind="stat", width=6, height=4),
    panel("Produce vs consume rate", "Items per second: when consumers keep up the lines overlap; "
          "a gap that stays is a backlog growing",
          [q("sum(rate(handoff_items_produced_total[30s]))", "produced/s"),
           q("sum(rate(handoff_items_consumed_total[30s]))", "consumed/s")], unit="ops"),
    panel("End-to-end latency", "Item created by its producer to its result written (handoff_item_latency_seconds)",
          [q("histogram_quantile(0.5, sum by (le) (rate(handoff_item_latency_seconds_bucket[30s])))", "p50"),
           q("histogram_quantile(0.99, sum by (le) (rate(handoff_item_latency_seconds_bucket[30s])))", "p99")],
          unit="s"),
    panel("Lag per partition of items", "Records waiting on each partition of items, read from the Kafka "
          "consumer twice a second by the consumer holding it (handoff_partition_lag)",
          [q('max by (partition) (handoff_partition_lag{topic="items"})', "partition {{partition}}")]),
    panel("Credits in flight", "Items each producer has sent and not yet seen processed, against its window "
          "(handoff_credits_unprocessed, handoff_credits_window; window 0 = off)",
          [q("sum by (instance) (handoff_credits_unprocessed)", "{{instance}}"),
           q("max(handoff_credits_window)", "window")]),
])

BACKPRESSURE = dashboard("handoff-backpressure", "Handoff / Backpressure",
    "Is anything backing up, and which layer holds it: generator queue, Kafka producer buffer, consumer "
    "queues and paused partitions, the credit window, the rate limit.", [
    panel("In-process queue depth", "Items in each bounded queue: generated (producer), workers (consumer) "
          "(handoff_queue_depth)",
          [q("sum by (instance, queue) (handoff_queue_depth)", "{{instance}} {{queue}}")]),
    panel("Generators blocked", "Share of each second the generator threads spent blocked on a full queue "
          "(rate of handoff_generator_blocked_seconds_sum)",
          [q("sum by (instance) (rate(handoff_generator_blocked_seconds_sum[30s]))", "{{instance}}")],
          unit="percentunit"),
    panel("Paused partitions", "Partitions each consumer's connector has paused because its buffer is full "
          "(handoff_partitions_paused)",
          [q("sum by (instance) (handoff_partitions_paused)", "{{instance}}")], stack=True),
    panel("Kafka producer buffer in use", "Bytes waiting in each producer's Kafka client buffer "
          "(kafka_producer_buffer_total_bytes - kafka_producer_buffer_available_bytes)",
          [q('sum by (instance) (kafka_producer_buffer_total_bytes{client_id="kafka-producer-items"} - '
             'kafka_producer_buffer_available_bytes{client_id="kafka-producer-items"})', "{{instance}}")],
          unit="bytes"),
    panel("Unacknowledged sends", "Items handed to Kafka and not yet acknowledged (handoff_producer_in_flight)",
          [q("sum by (instance) (handoff_producer_in_flight)", "{{instance}}")]),
    panel("Outstanding work", "Records a consumer has taken and not finished: the joinable queue's count "
          "(handoff_items_outstanding)",
          [q("sum by (instance) (handoff_items_outstanding)", "{{instance}}")]),
    panel("Credit window fill", "Items sent and not processed, per producer, and the window "
          "(handoff_credits_unprocessed, handoff_credits_window)",
          [q("sum by (instance) (handoff_credits_unprocessed)", "{{instance}}"),
           q("max(handoff_credits_window)", "window")]),
    panel("Rate limit and slow mode", "Each producer's rate limit in items/s (0 = none) and each consumer's "
          "extra delay per item (handoff_producer_rate_limit, handoff_consumer_delay_milliseconds)",
          [q("max by (instance) (handoff_producer_rate_limit)", "{{instance}} limit/s"),
           q("max by (instance) (handoff_consumer_delay_milliseconds)", "{{instance}} delay ms")]),
])

LOCKS = dashboard("handoff-locks-threads", "Handoff / Locks and threads",
    "Is any lock hot: lock wait and hold time, deadlocks broken, tryLock timeouts, audit permits, threads by "
    "role and kind.", [
    panel("Lock wait (mean)", "Asking for both account locks to holding them, per transfer "
          "(handoff_lock_wait_seconds)",
          [q("sum by (instance, mode) (rate(handoff_lock_wait_seconds_sum[30s])) / "
             "sum by (instance, mode) (rate(handoff_lock_wait_seconds_count[30s]))", "{{instance}} {{mode}}")],
          unit="s"),
    panel("Lock hold (mean)", "Time a transfer held its account locks (handoff_lock_hold_seconds)",
          [q("sum by (instance, mode) (rate(handoff_lock_hold_seconds_sum[30s])) / "
             "sum by (instance, mode) (rate(handoff_lock_hold_seconds_count[30s]))", "{{instance}} {{mode}}")],
          unit="s"),
    panel("Deadlocks broken", "Cycles the watchdog found and broke, per minute (naive mode; "
          "handoff_lock_deadlocks_broken_total)",
          [q("sum by (instance) (increase(handoff_lock_deadlocks_broken_total[1m]))", "{{instance}}")], width=8),
    panel("tryLock timeouts", "Lock attempts that timed out and backed off, per minute (trylock mode; "
          "handoff_lock_trylock_timeouts_total)",
          [q("sum by (instance) (increase(handoff_lock_trylock_timeouts_total[1m]))", "{{instance}}")], width=8),
    panel("Audit permits in use", "Semaphore permits of the audit sink held now, and the most ever held "
          "(handoff_audit_permits_in_use, handoff_audit_permits_high_water)",
          [q("sum by (instance) (handoff_audit_permits_in_use)", "{{instance}} in use"),
           q("max by (instance) (handoff_audit_permits_high_water)", "{{instance}} high water")], width=8),
    panel("Live threads by role", "Threads per role in every service (handoff_threads_live)",
          [q("sum by (thread_role) (handoff_threads_live)", "{{thread_role}}")], stack=True),
    panel("Platform vs virtual threads", "Live threads of each kind, per service (handoff_threads_live)",
          [q("sum by (instance, kind) (handoff_threads_live)", "{{instance}} {{kind}}")]),
    panel("Ledger drift", "Money lost or invented per consumer: nonzero only in unsafe mode (handoff_ledger_drift)",
          [q("sum by (instance) (handoff_ledger_drift)", "{{instance}}")], width=24, height=6),
])

PROCESSES = dashboard("handoff-processes", "Handoff / Processes",
    "Did a process die and recover: instances up, restarts, rebalances and how long they took, partitions "
    "held, replaced worker threads, memory.", [
    panel("Instances up", "Services Prometheus scrapes now, per role (instances reporting process_uptime_seconds)",
          [q('count by (role) (process_uptime_seconds{role=~"producer|consumer"})', "{{role}}")], stack=True),
    panel("Restarts", "New processes for an instance id within 10 minutes: a killed consumer started again "
          "(changes of process_start_time_seconds)",
          [q('sum by (instance) (changes(process_start_time_seconds{role=~"producer|consumer"}[10m]))',
             "{{instance}}")]),
    panel("Rebalances", "Group rebalances each consumer took part in, per minute: a consumer leaving or joining "
          "(kafka_consumer_coordinator_rebalance_total)",
          [q('sum by (instance) (increase(kafka_consumer_coordinator_rebalance_total{client_id="kafka-consumer-items"}[1m]))',
             "{{instance}}")]),
    panel("Recovery: longest rebalance", "How long the slowest rebalance took: the group's side of a recovery "
          "(kafka_consumer_coordinator_rebalance_latency_max)",
          [q('max by (instance) (kafka_consumer_coordinator_rebalance_latency_max{client_id="kafka-consumer-items"}) / 1000',
             "{{instance}}")],
          unit="s"),
    panel("Partitions held", "Partitions of items assigned to each consumer: they move when one dies "
          "(kafka_consumer_coordinator_assigned_partitions of the items channel's client)",
          [q('max by (instance) (kafka_consumer_coordinator_assigned_partitions{client_id="kafka-consumer-items"})',
             "{{instance}}")], stack=True),
    panel("Worker threads replaced", "Worker threads that died and were replaced, their item run again "
          "(handoff_workers_replaced_total)",
          [q("sum by (instance) (handoff_workers_replaced_total)", "{{instance}}")]),
    panel("Heap used", "Heap per process (jvm_memory_used_bytes): flat under backpressure",
          [q('sum by (instance) (jvm_memory_used_bytes{area="heap"})', "{{instance}}")], unit="bytes"),
    panel("Uptime", "Seconds since each process started (process_uptime_seconds)",
          [q("max by (instance) (process_uptime_seconds)", "{{instance}}")], unit="s"),
])

if __name__ == "__main__":
    HERE.mkdir(parents=True, exist_ok=True)
    for name, board in [("overview", OVERVIEW), ("backpressure", BACKPRESSURE), ("locks-threads", LOCKS),
                        ("processes", PROCESSES)]:
        (HERE / f"{name}.json").write_text(json.dumps(board, indent=2) + "\n")
        print(f"wrote {HERE / (name + '.json')}: {len(board['panels'])} panels")
