package io.streamlytics.topology.serde;

import io.streamlytics.topology.watermark.StreamMessage;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Events and watermarks on one repartition topic, told apart by a tag byte. */
public final class StreamMessageSerde<E> extends BinarySerde<StreamMessage<E>> {
    private static final int VERSION = 1;
    private static final byte EVENT = 'E';
    private static final byte WATERMARK = 'W';
    /** A watermark of a partition that declared itself idle: a tag of its own, so older readers' records still parse. */
    private static final byte IDLE_WATERMARK = 'I';

    private final BinarySerde<E> eventSerde;

    public StreamMessageSerde(BinarySerde<E> eventSerde) {
        this.eventSerde = eventSerde;
    }

    @Override
    protected void write(StreamMessage<E> message, DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        if (message instanceof StreamMessage.Event<E> event) {
            out.writeByte(EVENT);
            out.writeLong(event.sourceStreamTime());
            eventSerde.write(event.event(), out);
        } else if (message instanceof StreamMessage.Watermark<E> watermark) {
            out.writeByte(watermark.idle() ? IDLE_WATERMARK : WATERMARK);
            out.writeInt(watermark.sourcePartition());
            out.writeLong(watermark.streamTime());
        }
    }

    @Override
    protected StreamMessage<E> read(DataInputStream in) throws IOException {
        expectVersion(in, VERSION);
        byte tag = in.readByte();
        return switch (tag) {
            case EVENT -> {
                long sourceStreamTime = in.readLong();
                yield new StreamMessage.Event<>(eventSerde.read(in), sourceStreamTime);
            }
            case WATERMARK -> new StreamMessage.Watermark<>(in.readInt(), in.readLong(), false);
            case IDLE_WATERMARK -> new StreamMessage.Watermark<>(in.readInt(), in.readLong(), true);
            default -> throw new IOException("unknown stream message tag " + tag);
        };
    }
}
