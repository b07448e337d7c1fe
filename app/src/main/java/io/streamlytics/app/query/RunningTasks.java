package io.streamlytics.app.query;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.ProcessorWrapper;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.WrappedFixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.WrappedProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Which active tasks of this instance are running: restored and processing. Kafka Streams' own
 * {@code requireActive} check cannot tell: it only asks whether the task is active and its thread
 * running, so a task whose state was wiped (an exactly-once task closed dirty is declared corrupt) is
 * read while it restores, and answers "no such key" or part of its data. A processor's {@code init}
 * runs when its task has finished restoring, and its {@code close} before the task's stores close, so
 * every processor is wrapped to record that span, with a generation that tells a task re-initialised
 * in between from one that ran throughout.
 */
public final class RunningTasks {
    private static final String INSTANCE_CONFIG = "streamlytics.running.tasks";
    private static final long NOT_RUNNING = 0;

    private final Map<TaskId, Long> generations = new ConcurrentHashMap<>();
    private final AtomicLong lastGeneration = new AtomicLong();
    private volatile Map<String, Integer> subtopologyOfStore = Map.of();

    /** Builds the topology with every processor tracked, given the builder configuration to build it with. */
    public Topology build(Function<Map<String, Object>, Topology> buildWithConfig) {
        Topology topology = buildWithConfig.apply(Map.of(
                StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG, Tracker.class,
                INSTANCE_CONFIG, this));
        Map<String, Integer> subtopologies = new HashMap<>();
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Processor processor) {
                    processor.stores().forEach(store -> subtopologies.put(store, subtopology.id()));
                }
            }
        }
        subtopologyOfStore = Map.copyOf(subtopologies);
        return topology;
    }

    /**
     * Runs {@code read} of this instance's active copy of a store partition, and hands back what it read
     * only if the task holding it was running, without a restart, from before the read to after it.
     * Otherwise {@link QueryFailure.Restoring}: the copy is restoring, or was wiped while read.
     */
    public <T> T readRunning(String store, int partition, Supplier<T> read) {
        long before = generation(store, partition);
        if (before == NOT_RUNNING) {
            throw new QueryFailure.Restoring(partition);
        }
        T result;
        try {
            result = read.get();
        } catch (QueryFailure readFailed) {
            requireUnchanged(store, partition, before);
            throw readFailed;
        }
        requireUnchanged(store, partition, before);
        return result;
    }

    /** The running task's generation of every partition of {@code store} running here now. */
    public Map<Integer, Long> runningPartitions(String store) {
        Integer subtopology = subtopologyOf(store);
        Map<Integer, Long> running = new HashMap<>();
        generations.forEach((task, generation) -> {
            if (task.subtopology() == subtopology) {
                running.put(task.partition(), generation);
            }
        });
        return running;
    }

    /** Whether the partition's task still runs in the generation it ran in when {@link #runningPartitions} saw it. */
    public boolean stillRunning(String store, int partition, long generation) {
        return generation(store, partition) == generation;
    }

    private void requireUnchanged(String store, int partition, long before) {
        if (!stillRunning(store, partition, before)) {
            throw new QueryFailure.Restoring(partition);
        }
    }

    private long generation(String store, int partition) {
        return generations.getOrDefault(new TaskId(subtopologyOf(store), partition), NOT_RUNNING);
    }

    private int subtopologyOf(String store) {
        Integer subtopology = subtopologyOfStore.get(store);
        if (subtopology == null) {
            throw new IllegalArgumentException("no processor of the topology uses a store named " + store);
        }
        return subtopology;
    }

    /** The processor wrapper Kafka Streams instantiates by class; it finds its {@link RunningTasks} in the configuration. */
    public static final class Tracker implements ProcessorWrapper {
        private RunningTasks tasks;

        @Override
        public void configure(Map<String, ?> configs) {
            tasks = (RunningTasks) configs.get(INSTANCE_CONFIG);
        }

        @Override
        public <KIn, VIn, KOut, VOut> WrappedProcessorSupplier<KIn, VIn, KOut, VOut> wrapProcessorSupplier(
                String processorName, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier) {
            return new WrappedProcessorSupplier<>() {
                @Override
                public Set<StoreBuilder<?>> stores() {
                    return supplier.stores();
                }

                @Override
                public Processor<KIn, VIn, KOut, VOut> get() {
                    return new TrackedProcessor<>(supplier.get(), new TaskSpan(tasks));
                }
            };
        }

        @Override
        public <KIn, VIn, VOut> WrappedFixedKeyProcessorSupplier<KIn, VIn, VOut> wrapFixedKeyProcessorSupplier(
                String processorName, FixedKeyProcessorSupplier<KIn, VIn, VOut> supplier) {
            return new WrappedFixedKeyProcessorSupplier<>() {
                @Override
                public Set<StoreBuilder<?>> stores() {
                    return supplier.stores();
                }

                @Override
                public FixedKeyProcessor<KIn, VIn, VOut> get() {
                    return new TrackedFixedKeyProcessor<>(supplier.get(), new TaskSpan(tasks));
                }
            };
        }
    }

    /** One processor's record of its task: running from the processor's init to its close. */
    private static final class TaskSpan {
        private final RunningTasks tasks;
        private TaskId task;

        TaskSpan(RunningTasks tasks) {
            this.tasks = tasks;
        }

        void begin(TaskId running) {
            task = running;
            tasks.generations.put(task, tasks.lastGeneration.incrementAndGet());
        }

        void end() {
            if (task != null) { // a processor whose init failed or never ran
                tasks.generations.remove(task);
            }
        }
    }

    // the two processor kinds differ only in their types: each delegates and marks its task's span
    private record TrackedProcessor<KIn, VIn, KOut, VOut>(Processor<KIn, VIn, KOut, VOut> delegate, TaskSpan span)
            implements Processor<KIn, VIn, KOut, VOut> {
        @Override
        public void init(ProcessorContext<KOut, VOut> context) {
            delegate.init(context);
            span.begin(context.taskId());
        }

        @Override
        public void process(Record<KIn, VIn> record) {
            delegate.process(record);
        }

        @Override
        public void close() {
            span.end();
            delegate.close();
        }
    }

    private record TrackedFixedKeyProcessor<KIn, VIn, VOut>(FixedKeyProcessor<KIn, VIn, VOut> delegate, TaskSpan span)
            implements FixedKeyProcessor<KIn, VIn, VOut> {
        @Override
        public void init(FixedKeyProcessorContext<KIn, VOut> context) {
            delegate.init(context);
            span.begin(context.taskId());
        }

        @Override
        public void process(FixedKeyRecord<KIn, VIn> record) {
            delegate.process(record);
        }

        @Override
        public void close() {
            span.end();
            delegate.close();
        }
    }
}
