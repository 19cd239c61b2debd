package io.handoff.coordinator.demo;

import io.handoff.coordinator.run.RunPlan;

/**
 * One scenario of the demo: what it shows, and the run that shows it.
 *
 * @param name  a short id, also the {@code --scenario} value
 * @param shows one line for the terminal: the hazard, and what handles it
 */
public record Scenario(String name, String shows, RunPlan plan) {
}
