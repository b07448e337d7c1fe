package io.streamlytics.app.kafka;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

import java.util.Map;

/**
 * Bounds the off-heap memory of all RocksDB stores of this process together, the way the Kafka
 * Streams memory-management guide describes: one block cache and one write-buffer manager shared by
 * every store, index and filter blocks charged to the cache. The shared objects live as long as
 * the process and are never closed per store.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {
    /** Total off-heap budget for block cache and memtables, across every store. */
    public static final long TOTAL_OFF_HEAP_BYTES = 256L * 1024 * 1024;
    private static final long MEMTABLE_BYTES = TOTAL_OFF_HEAP_BYTES / 4;

    private static final Cache CACHE = new LRUCache(TOTAL_OFF_HEAP_BYTES, -1, false, 0.1);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // CACHE and WRITE_BUFFERS are shared by every store: closing them here would break the others
    }
}
