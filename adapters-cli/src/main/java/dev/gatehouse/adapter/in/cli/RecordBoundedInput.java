package dev.gatehouse.adapter.in.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read since the reader last called {@link #startRecord()} and stops a record that grows beyond the
 * bound (a 10 MB line, a user with a megabyte of attributes) before it fills memory: the read throws
 * {@link ImportFileException}. A parser's read-ahead counts too, so the bound is approximate by one buffer.
 */
final class RecordBoundedInput extends FilterInputStream {

    private final long maxRecordBytes;
    private final String what;
    private long sinceStart;

    RecordBoundedInput(InputStream in, long maxRecordBytes, String what) {
        super(in);
        this.maxRecordBytes = maxRecordBytes;
        this.what = what;
    }

    void startRecord() {
        sinceStart = 0;
    }

    @Override
    public int read() throws IOException {
        int read = super.read();
        if (read >= 0) {
            counted(1);
        }
        return read;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            counted(read);
        }
        return read;
    }

    private void counted(int bytes) {
        sinceStart += bytes;
        if (sinceStart > maxRecordBytes) {
            throw new ImportFileException(what + " is larger than " + maxRecordBytes / 1024 + " KiB");
        }
    }
}
