package io.labelhub.dm.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder between a server and its database, for tests of a database that goes away: {@link #cut} drops
 * every connection through it and refuses new ones, as a database that stopped would; {@link #restore} accepts
 * again on the same port, as the database back up.
 */
final class TcpProxy implements AutoCloseable {

    private final int port;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.port = DistributionOptions.freePort();
        restore();
    }

    int port() {
        return port;
    }

    /** Accepts connections (again) and forwards each to the target. */
    synchronized void restore() throws IOException {
        if (listener != null) {
            return;
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listener = socket;
        Thread accepter = new Thread(() -> accept(socket), "tcp-proxy-" + port);
        accepter.setDaemon(true);
        accepter.start();
    }

    /** Drops every connection and refuses new ones. */
    synchronized void cut() throws IOException {
        if (listener != null) {
            listener.close();
            listener = null;
        }
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket server = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ended) {
                // one side closed or was cut
            } finally {
                close(from);
                close(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void close(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing what is already gone
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
