package io.streamlytics.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamlytics.topology.events.EventJson;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a large Spark event log from a small real one: the application's header once, then its jobs
 * again and again, each copy with job, stage and task ids and times moved past the previous copy, until
 * the log has the lines asked for: {@code bench/run.sh spark-scale INPUT OUTPUT LINES}.
 */
@Command(name = "spark-scale", mixinStandardHelpOptions = true, description = "A large Spark event log made from a small real one, its jobs repeated with ids and times moved on.")
public final class SparkEventLogScaler implements Callable<Integer> {
    @Parameters(index = "0", description = "the real event log")
    Path input;
    @Parameters(index = "1", description = "the event log to write")
    Path output;
    @Parameters(index = "2", description = "lines the written log holds at least")
    long target;


    @Override
    public Integer call() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(input, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                lines.add(EventJson.MAPPER.readTree(line));
            }
        }
        int firstJob = indexOf(lines, "SparkListenerJobStart");
        List<JsonNode> header = lines.subList(0, firstJob);
        List<JsonNode> jobs = lines.subList(firstJob, lines.size());
        int jobIds = (int) (1 + max(jobs, "Job ID"));
        int stageIds = (int) (1 + max(jobs, "Stage ID"));
        int taskIds = (int) (1 + max(jobs, "Task ID"));
        long span = 1 + max(jobs, "Finish Time") - jobs.get(0).get("Submission Time").asLong();
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            for (JsonNode line : header) {
                out.write(line.toString());
                out.newLine();
                written++;
            }
            for (int copy = 0; written < target; copy++) {
                for (int i = 0; i < jobs.size() && written < target; i++, written++) {
                    JsonNode line = jobs.get(i).deepCopy();
                    shift(line, copy, jobIds, stageIds, taskIds, span);
                    out.write(line.toString());
                    out.newLine();
                }
            }
        }
        System.out.printf("wrote %d lines to %s%n", written, output);
        return 0;
    }

    /** Moves every id and time in the line by {@code copy} copies' worth; field names are Spark's. */
    private static void shift(JsonNode node, int copy, int jobIds, int stageIds, int taskIds, long span) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> {
                JsonNode value = field.getValue();
                switch (field.getKey()) {
                    case "Job ID" -> object.put("Job ID", value.asInt() + copy * jobIds);
                    case "Stage ID" -> object.put("Stage ID", value.asInt() + copy * stageIds);
                    case "Task ID" -> object.put("Task ID", value.asLong() + (long) copy * taskIds);
                    case "Submission Time", "Completion Time", "Launch Time", "Finish Time" -> {
                        if (value.asLong() > 0) {
                            object.put(field.getKey(), value.asLong() + copy * span);
                        }
                    }
                    case "Stage IDs" -> {
                        ArrayNode shifted = EventJson.MAPPER.createArrayNode();
                        value.forEach(id -> shifted.add(new IntNode(id.asInt() + copy * stageIds)));
                        object.set("Stage IDs", shifted);
                    }
                    default -> shift(value, copy, jobIds, stageIds, taskIds, span);
                }
            });
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> shift(element, copy, jobIds, stageIds, taskIds, span));
        }
    }

    private static int indexOf(List<JsonNode> lines, String event) {
        for (int i = 0; i < lines.size(); i++) {
            if (event.equals(lines.get(i).path("Event").asText())) {
                return i;
            }
        }
        throw new IllegalArgumentException("no " + event + " in the log");
    }

    private static long max(JsonNode node, String field) {
        long max = node.has(field) && node.get(field).isNumber() ? node.get(field).asLong() : 0;
        for (JsonNode child : node) {
            max = Math.max(max, max(child, field));
        }
        return max;
    }

    private static long max(List<JsonNode> lines, String field) {
        return lines.stream().mapToLong(line -> max(line, field)).max().orElse(0);
    }
}
