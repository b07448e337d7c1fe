package io.streamlytics.app.kafka;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AbortFencingProducerTest {
    private final MockProducer<byte[], byte[]> kafka = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final AbortFencingProducer producer = new AbortFencingProducer(kafka);

    @Test
    void committedTransactionsFollowOneAnother() {
        producer.initTransactions();
        for (int i = 0; i < 3; i++) {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("t", new byte[] {(byte) i}));
            producer.commitTransaction();
        }
        assertEquals(3, kafka.history().size());
        assertTrue(kafka.transactionCommitted());
    }

    @Test
    void afterAnAbortTheNextTransactionIsRefusedAsFenced() {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("t", new byte[] {1}));
        producer.abortTransaction();

        assertTrue(kafka.transactionAborted(), "the abort itself reaches Kafka");
        // Kafka Streams turns a fenced producer into a migrated thread: every task closes dirty and resumes from the last commit
        assertThrows(ProducerFencedException.class, producer::beginTransaction);
        assertThrows(ProducerFencedException.class, producer::beginTransaction, "and stays refused until the thread replaces it");
    }
}
