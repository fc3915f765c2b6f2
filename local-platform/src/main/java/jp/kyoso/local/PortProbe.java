package jp.kyoso.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Asks the operating system whether a port is in use.
 */
final class PortProbe {

    private PortProbe() {
    }

    /** True if a server could bind the port now; binding the wildcard address also collides with loopback-only listeners. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // the servers we start use SO_REUSEADDR too, so a port whose old connections linger in TIME_WAIT counts as free
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True if something accepts TCP connections on localhost:port. */
    static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
