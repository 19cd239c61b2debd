package io.handoff.coordinator.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Kubernetes' Pod Security Standard "restricted" (which includes "baseline"), rule by rule, as the admission
 * controller applies it to a pod spec: https://kubernetes.io/docs/concepts/security/pod-security-standards/.
 * Gives every rule a pod breaks, so a test can say which.
 */
final class PodSecurityRestricted {

    private static final Set<String> VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");
    private static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");

    private PodSecurityRestricted() {
    }

    static List<String> violations(String name, JsonNode pod) {
        List<String> found = new ArrayList<>();
        for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (pod.path(host).asBoolean(false)) {
                found.add(name + ": " + host + " must not be set (baseline: host namespaces)");
            }
        }
        JsonNode podContext = pod.path("securityContext");
        for (JsonNode sysctl : podContext.path("sysctls")) {
            if (!SAFE_SYSCTLS.contains(sysctl.path("name").asText())) {
                found.add(name + ": sysctl " + sysctl.path("name").asText() + " is not in the safe set (baseline)");
            }
        }
        for (JsonNode volume : pod.path("volumes")) {
            List<String> types = new ArrayList<>();
            volume.fieldNames().forEachRemaining(types::add);
            types.remove("name");
            for (String type : types) {
                if (!VOLUME_TYPES.contains(type)) {
                    found.add(name + ": volume " + volume.path("name").asText() + " is a " + type
                            + " (restricted allows " + VOLUME_TYPES + ")");
                }
            }
        }
        boolean podNonRoot = podContext.path("runAsNonRoot").asBoolean(false);
        String podSeccomp = podContext.at("/seccompProfile/type").asText("");
        checkSeccomp(found, name + " (pod)", podSeccomp, true);
        checkSelinuxAndAppArmor(found, name + " (pod)", podContext);
        if (podContext.path("runAsUser").isInt() && podContext.path("runAsUser").asInt() == 0) {
            found.add(name + ": runAsUser must not be 0 (restricted)");
        }
        for (String kind : List.of("initContainers", "containers", "ephemeralContainers")) {
            for (JsonNode container : pod.path(kind)) {
                String where = name + "/" + container.path("name").asText();
                JsonNode context = container.path("securityContext");
                if (context.path("privileged").asBoolean(false)) {
                    found.add(where + ": privileged (baseline)");
                }
                if (!context.has("allowPrivilegeEscalation") || context.path("allowPrivilegeEscalation").asBoolean(true)) {
                    found.add(where + ": allowPrivilegeEscalation must be false (restricted)");
                }
                boolean nonRoot = context.has("runAsNonRoot") ? context.path("runAsNonRoot").asBoolean() : podNonRoot;
                if (!nonRoot) {
                    found.add(where + ": runAsNonRoot must be true, on the pod or the container (restricted)");
                }
                if (context.path("runAsUser").isInt() && context.path("runAsUser").asInt() == 0) {
                    found.add(where + ": runAsUser must not be 0 (restricted)");
                }
                String seccomp = context.at("/seccompProfile/type").asText("");
                if (seccomp.isEmpty() && podSeccomp.isEmpty()) {
                    found.add(where + ": seccompProfile RuntimeDefault or Localhost, on the pod or the container (restricted)");
                } else if (!seccomp.isEmpty()) {
                    checkSeccomp(found, where, seccomp, false);
                }
                checkSelinuxAndAppArmor(found, where, context);
                boolean dropsAll = false;
                for (JsonNode drop : context.at("/capabilities/drop")) {
                    dropsAll |= drop.asText().equals("ALL");
                }
                if (!dropsAll) {
                    found.add(where + ": capabilities must drop ALL (restricted)");
                }
                for (JsonNode add : context.at("/capabilities/add")) {
                    if (!add.asText().equals("NET_BIND_SERVICE")) {
                        found.add(where + ": capability " + add.asText() + " may not be added (restricted allows only NET_BIND_SERVICE)");
                    }
                }
                for (JsonNode port : container.path("ports")) {
                    if (port.path("hostPort").asInt(0) != 0) {
                        found.add(where + ": hostPort " + port.path("hostPort").asInt() + " (baseline)");
                    }
                }
                if (!context.path("procMount").asText("Default").equals("Default")) {
                    found.add(where + ": procMount must be Default (baseline)");
                }
            }
        }
        return found;
    }

    private static void checkSeccomp(List<String> found, String where, String type, boolean mayBeUnset) {
        if (type.isEmpty() && mayBeUnset) {
            return;
        }
        if (!type.equals("RuntimeDefault") && !type.equals("Localhost")) {
            found.add(where + ": seccompProfile " + type + " (restricted allows RuntimeDefault or Localhost)");
        }
    }

    private static void checkSelinuxAndAppArmor(List<String> found, String where, JsonNode context) {
        String seLinuxType = context.at("/seLinuxOptions/type").asText("");
        if (!seLinuxType.isEmpty() && !Set.of("container_t", "container_init_t", "container_kvm_t", "container_engine_t")
                .contains(seLinuxType)) {
            found.add(where + ": seLinuxOptions.type " + seLinuxType + " (baseline)");
        }
        if (context.at("/seLinuxOptions/user").isTextual() || context.at("/seLinuxOptions/role").isTextual()) {
            found.add(where + ": seLinuxOptions user and role must be unset (baseline)");
        }
        String appArmor = context.at("/appArmorProfile/type").asText("");
        if (appArmor.equals("Unconfined")) {
            found.add(where + ": appArmorProfile Unconfined (baseline)");
        }
    }
}
