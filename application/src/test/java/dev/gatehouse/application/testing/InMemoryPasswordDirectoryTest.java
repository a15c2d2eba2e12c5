package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.PasswordDirectory;
import dev.gatehouse.domain.DirectoryEntry;
import dev.gatehouse.domain.PlainPassword;
import java.util.Map;

class InMemoryPasswordDirectoryTest extends PasswordDirectoryContract {

    @Override
    protected PasswordDirectory directoryHolding(Map<DirectoryEntry, PlainPassword> entries) {
        InMemoryPasswordDirectory directory = new InMemoryPasswordDirectory();
        entries.forEach(directory::add);
        return directory;
    }

    @Override
    protected PasswordDirectory unreachableDirectory() {
        return new InMemoryPasswordDirectory().goDown();
    }
}
