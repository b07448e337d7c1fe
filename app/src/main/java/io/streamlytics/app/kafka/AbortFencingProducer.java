package io.streamlytics.app.kafka;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.metrics.KafkaMetric;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * The transactional producer of one stream thread, which refuses to begin another transaction once one was aborted.
 *
 * <p>Under exactly-once v2 every task of a thread writes into the thread's one transaction. Kafka Streams 4.4 aborts it
 * whenever it closes a task dirty, also when it closes only some of them: a task found corrupted while a rebalance is in
 * progress is closed without the others being committed first ({@code TaskManager.handleCorruption} skips the commit during
 * a rebalance). The other tasks then keep their positions while their output since the last commit is gone, and the next
 * commit records their input as done: accepted events lost. Refusing the next transaction as fenced makes Kafka Streams treat
 * the thread as migrated, which closes every task of it dirty and resumes each from the last commit; a thread that closes all
 * of its tasks anyway gets a new producer first, and never sees the refusal.
 */
final class AbortFencingProducer implements Producer<byte[], byte[]> {
    private final Producer<byte[], byte[]> delegate;
    private volatile boolean aborted;

    AbortFencingProducer(Producer<byte[], byte[]> delegate) {
        this.delegate = delegate;
    }

    @Override
    public void abortTransaction() {
        aborted = true;
        delegate.abortTransaction();
    }

    @Override
    public void beginTransaction() {
        if (aborted) {
            throw new ProducerFencedException("this stream thread aborted a transaction that may have held output of tasks"
                    + " that were not closed; every task of the thread must resume from the last commit");
        }
        delegate.beginTransaction();
    }

    @Override
    public void initTransactions() {
        delegate.initTransactions();
    }

    @Override
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata groupMetadata) {
        delegate.sendOffsetsToTransaction(offsets, groupMetadata);
    }

    @Override
    public void commitTransaction() {
        delegate.commitTransaction();
    }

    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {
        delegate.registerMetricForSubscription(metric);
    }

    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {
        delegate.unregisterMetricFromSubscription(metric);
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        return delegate.send(record);
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        return delegate.send(record, callback);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        return delegate.partitionsFor(topic);
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return delegate.metrics();
    }

    @Override
    public Uuid clientInstanceId(Duration timeout) {
        return delegate.clientInstanceId(timeout);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void close(Duration timeout) {
        delegate.close(timeout);
    }
}
