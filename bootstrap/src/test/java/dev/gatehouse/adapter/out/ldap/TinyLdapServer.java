package dev.gatehouse.adapter.out.ldap;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A directory server for tests, in process: the one LDAPv3 operation a password directory needs, the simple bind
 * (RFC 4511 4.2), over real BER on a real socket, so that {@link LdapPasswordDirectory} runs unchanged against it
 * as against OpenLDAP. It keeps entries as a real server does, a salted hash per DN, and compares an unknown DN
 * against a dummy hash so that every answer costs the same. Anything but a bind or an unbind closes the connection.
 */
final class TinyLdapServer implements AutoCloseable {

    static final int SUCCESS = 0;
    static final int INVALID_CREDENTIALS = 49;
    static final int UNWILLING_TO_PERFORM = 53;
    private static final int AUTH_METHOD_NOT_SUPPORTED = 7;

    private final ServerSocket socket;
    private final Map<String, byte[][]> saltedHashes = new ConcurrentHashMap<>();
    private final byte[][] dummy = salted("no entry has this password".getBytes(StandardCharsets.UTF_8));
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final List<String> boundAs = new CopyOnWriteArrayList<>();
    private final AtomicInteger binds = new AtomicInteger();
    private volatile boolean silent;

    private TinyLdapServer(ServerSocket socket) {
        this.socket = socket;
        Thread.ofVirtual().name("tiny-ldap-accept").start(this::accept);
    }

    /** A server on a free port of the loopback interface. */
    static TinyLdapServer start() {
        try {
            return new TinyLdapServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "ldap://127.0.0.1:" + socket.getLocalPort();
    }

    /** The directory's operator sets the password of the entry {@code dn}. */
    TinyLdapServer add(String dn, String password) {
        saltedHashes.put(canonical(dn), salted(password.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** How many binds arrived. */
    int binds() {
        return binds.get();
    }

    /** The DNs of the binds that arrived, as they arrived. */
    List<String> boundAs() {
        return List.copyOf(boundAs);
    }

    /** From now on a bind gets no answer at all, as from a server that hangs. */
    void goSilent() {
        silent = true;
    }

    /** Stops listening and drops every connection: from now on the directory cannot be reached. */
    @Override
    public void close() {
        try {
            socket.close();
            for (Socket connection : connections) {
                connection.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.add(connection);
                Thread.ofVirtual().name("tiny-ldap-connection").start(() -> serve(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection; DataInputStream in = new DataInputStream(connection.getInputStream())) {
            while (true) {
                Tlv message = Tlv.read(in);
                if (message.tag() != 0x30) {
                    return;
                }
                DataInputStream body = message.contents();
                Tlv messageId = Tlv.read(body);
                Tlv operation = Tlv.read(body);
                if (messageId.tag() != 0x02 || operation.tag() != 0x60) {
                    return; // an unbind (0x42), or an operation this server does not offer
                }
                int result = bind(operation.contents());
                if (silent) {
                    continue;
                }
                connection.getOutputStream().write(bindResponse(messageId.value(), result));
                connection.getOutputStream().flush();
            }
        } catch (IOException closedOrMalformed) {
            // the client went away, or sent what this server does not read: the connection ends
        } finally {
            connections.remove(connection);
        }
    }

    /** BindRequest ::= [APPLICATION 0] SEQUENCE { version INTEGER, name LDAPDN, authentication CHOICE { simple [0] } }. */
    private int bind(DataInputStream request) throws IOException {
        binds.incrementAndGet();
        Tlv version = Tlv.read(request);
        String dn = new String(Tlv.read(request).value(), StandardCharsets.UTF_8);
        Tlv authentication = Tlv.read(request);
        boundAs.add(dn);
        if (version.tag() != 0x02 || authentication.tag() != 0x80) {
            return AUTH_METHOD_NOT_SUPPORTED;
        }
        if (authentication.value().length == 0) {
            return UNWILLING_TO_PERFORM; // an unauthenticated bind (RFC 4513 5.1.2): this server allows none
        }
        byte[][] stored = saltedHashes.get(canonical(dn));
        byte[][] compared = stored == null ? dummy : stored;
        boolean matches = MessageDigest.isEqual(compared[1], digest(compared[0], authentication.value()));
        return stored != null && matches ? SUCCESS : INVALID_CREDENTIALS;
    }

    /** LDAPMessage { messageID, BindResponse ::= [APPLICATION 1] { resultCode ENUMERATED, matchedDN "", diagnosticMessage "" } }. */
    private static byte[] bindResponse(byte[] messageId, int result) {
        byte[] response = Tlv.encode(0x61, concat(Tlv.encode(0x0A, new byte[] {(byte) result}), Tlv.encode(0x04, new byte[0]),
                Tlv.encode(0x04, new byte[0])));
        return Tlv.encode(0x30, concat(Tlv.encode(0x02, messageId), response));
    }

    /** DNs compare without regard to case here, as the attributes of the usual naming ({@code uid}, {@code dc}) do. */
    private static String canonical(String dn) {
        return dn.toLowerCase(Locale.ROOT);
    }

    private static byte[][] salted(byte[] password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return new byte[][] {salt, digest(salt, password)};
    }

    private static byte[] digest(byte[] salt, byte[] password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            return sha256.digest(password);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** One BER tag-length-value, single-byte tags only (all that LDAP's bind uses). */
    private record Tlv(int tag, byte[] value) {

        static Tlv read(InputStream in) throws IOException {
            int tag = in.read();
            if (tag < 0) {
                throw new EOFException();
            }
            int length = in.read();
            if (length < 0) {
                throw new EOFException();
            }
            if (length > 0x7F) {
                int octets = length & 0x7F;
                if (octets == 0 || octets > 3) {
                    throw new IOException("unsupported BER length");
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    int next = in.read();
                    if (next < 0) {
                        throw new EOFException();
                    }
                    length = length << 8 | next;
                }
            }
            byte[] value = in.readNBytes(length);
            if (value.length != length) {
                throw new EOFException();
            }
            return new Tlv(tag, value);
        }

        DataInputStream contents() {
            return new DataInputStream(new java.io.ByteArrayInputStream(value));
        }

        static byte[] encode(int tag, byte[] value) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(tag);
            if (value.length < 0x80) {
                out.write(value.length);
            } else {
                out.write(0x82);
                out.write(value.length >> 8);
                out.write(value.length);
            }
            out.writeBytes(value);
            return out.toByteArray();
        }
    }
}
