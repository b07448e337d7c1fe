package io.streamlytics.topology.flyer;

import io.streamlytics.topology.events.UserEvent;
import io.streamlytics.topology.serde.BinarySerde;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Keys of the flyer stores, written so that RocksDB's byte order is the order we scan in: all events
 * of one (user, flyer) share the bytes of their {@link UserFlyer} as a prefix and follow in
 * {@link FlyerEvent} order (times are never negative, so big-endian longs sort right); the settle
 * queue sorts by time first.
 */
public final class FlyerStoreKeys {
    private static final int VERSION = 1;

    private FlyerStoreKeys() {
    }

    public record UserFlyer(String userId, String flyerId) {
    }

    /** A stored event: its (user, flyer), then the event itself. */
    public record EventKey(UserFlyer userFlyer, FlyerEvent event) {
    }

    /** An entry of the settle queue: a (user, flyer) and when its first unsettled event becomes final. */
    public record SettleKey(long time, UserFlyer userFlyer) {
    }

    public static final class UserFlyerSerde extends BinarySerde<UserFlyer> {
        @Override
        protected void write(UserFlyer key, DataOutputStream out) throws IOException {
            out.writeByte(VERSION);
            out.writeUTF(key.userId());
            out.writeUTF(key.flyerId());
        }

        @Override
        protected UserFlyer read(DataInputStream in) throws IOException {
            expectVersion(in, VERSION);
            return new UserFlyer(in.readUTF(), in.readUTF());
        }
    }

    /** Its bytes start with those of {@link UserFlyerSerde}, which therefore serves as the prefix of a scan. */
    public static final class EventKeySerde extends BinarySerde<EventKey> {
        private static final UserFlyerSerde PREFIX = new UserFlyerSerde();
        private static final UserEvent.Kind[] KINDS = UserEvent.Kind.values();

        @Override
        protected void write(EventKey key, DataOutputStream out) throws IOException {
            PREFIX.write(key.userFlyer(), out);
            out.writeLong(key.event().time());
            out.writeByte(key.event().kind().ordinal());
            out.writeUTF(key.event().merchantId());
        }

        @Override
        protected EventKey read(DataInputStream in) throws IOException {
            UserFlyer userFlyer = PREFIX.read(in);
            return new EventKey(userFlyer, new FlyerEvent(in.readLong(), KINDS[in.readByte()], in.readUTF()));
        }
    }

    public static final class SettleKeySerde extends BinarySerde<SettleKey> {
        @Override
        protected void write(SettleKey key, DataOutputStream out) throws IOException {
            out.writeByte(VERSION);
            out.writeLong(key.time());
            out.writeUTF(key.userFlyer().userId());
            out.writeUTF(key.userFlyer().flyerId());
        }

        @Override
        protected SettleKey read(DataInputStream in) throws IOException {
            expectVersion(in, VERSION);
            return new SettleKey(in.readLong(), new UserFlyer(in.readUTF(), in.readUTF()));
        }
    }
}
