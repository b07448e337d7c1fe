package io.streamlytics.topology.flyer.merchant;

import io.streamlytics.topology.serde.BinarySerde;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** Store format of {@link MerchantDayAggregate}: counts, then the flyers. */
public final class MerchantDayAggregateSerde extends BinarySerde<MerchantDayAggregate> {
    private static final int VERSION = 1;

    @Override
    protected void write(MerchantDayAggregate day, DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        out.writeLong(day.opens);
        out.writeLong(day.sessions);
        out.writeLong(day.totalMs);
        out.writeInt(day.flyers.size());
        for (Map.Entry<String, MerchantDayAggregate.FlyerTotals> flyer : day.flyers.entrySet()) {
            out.writeUTF(flyer.getKey());
            out.writeLong(flyer.getValue().sessions());
            out.writeLong(flyer.getValue().totalMs());
        }
    }

    @Override
    protected MerchantDayAggregate read(DataInputStream in) throws IOException {
        expectVersion(in, VERSION);
        long opens = in.readLong();
        long sessions = in.readLong();
        long totalMs = in.readLong();
        int flyerCount = in.readInt();
        Map<String, MerchantDayAggregate.FlyerTotals> flyers = new TreeMap<>();
        for (int i = 0; i < flyerCount; i++) {
            flyers.put(in.readUTF(), new MerchantDayAggregate.FlyerTotals(in.readLong(), in.readLong()));
        }
        MerchantDayAggregate day = new MerchantDayAggregate(flyers);
        day.opens = opens;
        day.sessions = sessions;
        day.totalMs = totalMs;
        return day;
    }
}
