package dev.btrbot.adapter.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.io.SelectorManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@code max} open connections from one client address: a connection
 * over that is closed as soon as it is accepted, before it costs a thread or a
 * buffer. So one client (slow bodies, held-open sockets) cannot take the
 * server's connections and threads from everyone else. Added to a connector as
 * a bean, the way Jetty's own {@code NetworkConnectionLimit} is; that one
 * counts all clients together, this one each address on its own.
 */
final class ConnectionsPerAddress implements SelectorManager.AcceptListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionsPerAddress.class);

    private final int max;
    private final Map<SelectableChannel, InetAddress> counted = new HashMap<>();
    private final Map<InetAddress, Integer> open = new HashMap<>();
    private final Set<InetAddress> limited = new HashSet<>();

    ConnectionsPerAddress(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one connection per address");
        }
        this.max = max;
    }

    @Override
    public synchronized void onAccepting(SelectableChannel channel) {
        InetAddress address = remote(channel);
        if (address == null) {
            return;
        }
        int held = open.getOrDefault(address, 0);
        if (held >= max) {
            if (limited.add(address)) {
                LOG.warn("{} holds {} connections, the most one address may; closing its new ones until some end", address, max);
            }
            close(channel);
            return;
        }
        open.put(address, held + 1);
        counted.put(channel, address);
    }

    @Override
    public void onAcceptFailed(SelectableChannel channel, Throwable cause) {
        release(channel);
    }

    @Override
    public void onClosed(SelectableChannel channel) {
        release(channel);
    }

    private synchronized void release(SelectableChannel channel) {
        InetAddress address = counted.remove(channel);
        if (address == null) {
            return;
        }
        int held = open.merge(address, -1, Integer::sum);
        if (held <= 0) {
            open.remove(address);
        }
        if (held < max) {
            limited.remove(address);
        }
    }

    private static InetAddress remote(SelectableChannel channel) {
        try {
            return channel instanceof SocketChannel socket && socket.getRemoteAddress() instanceof InetSocketAddress inet
                    ? inet.getAddress() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void close(SelectableChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing is all that was wanted
        }
    }
}
