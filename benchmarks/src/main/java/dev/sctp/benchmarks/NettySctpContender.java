package dev.sctp.benchmarks;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.sctp.SctpChannel;
import io.netty.channel.sctp.SctpChannelOption;
import io.netty.channel.sctp.SctpMessage;
import io.netty.channel.sctp.nio.NioSctpChannel;
import io.netty.channel.sctp.nio.NioSctpServerChannel;
import io.netty.handler.codec.sctp.SctpMessageCompletionHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Netty 4's NIO SCTP transport ({@link NioSctpChannel}, itself on the JDK's SctpChannel) used idiomatically:
 * event-loop handlers, {@link SctpMessageCompletionHandler} for whole messages, a direct payload buffer shared by
 * every message through retained duplicates, writes batched up to the channel's writability and then flushed.
 *
 * <p>The client and the accepted channel run on separate single-thread event loops, matching the two threads of
 * the blocking contenders.
 */
public final class NettySctpContender implements Contender {

    private static final long WAIT_SECONDS = 120;

    /** Variations of the setup, to find what limits Netty's one-way rate; {@link #STANDARD} is what the table shows. */
    public enum Tuning {
        /** Netty's defaults: adaptive receive buffers, writes flushed when the channel turns unwritable. */
        STANDARD,
        /** writeAndFlush for every message (one sendmsg per message as soon as it is written). */
        FLUSH_EACH,
        /** A fixed 64 KiB receive buffer, so every message arrives whole in one read. */
        FIXED_RECEIVE_BUFFER
    }

    private final Tuning tuning;

    /** Netty as its users run it: {@link Tuning#STANDARD}. */
    public NettySctpContender() {
        this(Tuning.STANDARD);
    }

    /** Netty with one {@link Tuning}, for diagnosis. */
    public NettySctpContender(Tuning tuning) {
        this.tuning = tuning;
    }

    @Override
    public String name() {
        return tuning == Tuning.STANDARD ? "Netty NioSctpChannel"
                : "Netty NioSctpChannel, " + tuning.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    @Override
    public Results measure(Plan plan) throws Exception {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup child = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup clients = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ServerHandler server = new ServerHandler(plan.messageSize());
        ClientHandler client = new ClientHandler(plan.messageSize(), tuning == Tuning.FLUSH_EACH);
        try {
            Channel listener = new ServerBootstrap().group(boss, child)
                    .channel(NioSctpServerChannel.class)
                    .childOption(SctpChannelOption.SCTP_NODELAY, true)
                    // STANDARD keeps Netty's default (adaptive, 16 messages per read from the channel metadata).
                    .childOption(ChannelOption.RCVBUF_ALLOCATOR, tuning == Tuning.FIXED_RECEIVE_BUFFER
                            ? new FixedRecvByteBufAllocator(65536).maxMessagesPerRead(16) : null)
                    .childHandler(new ChannelInitializer<SctpChannel>() {
                        @Override
                        protected void initChannel(SctpChannel ch) {
                            ch.pipeline().addLast(new SctpMessageCompletionHandler(), server);
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            InetSocketAddress bound = (InetSocketAddress) listener.localAddress();
            Channel channel = new Bootstrap().group(clients)
                    .channel(NioSctpChannel.class)
                    .option(SctpChannelOption.SCTP_NODELAY, true)
                    .handler(new ChannelInitializer<SctpChannel>() {
                        @Override
                        protected void initChannel(SctpChannel ch) {
                            ch.pipeline().addLast(new SctpMessageCompletionHandler(), client);
                        }
                    })
                    .connect(bound).sync().channel();
            server.active.get(WAIT_SECONDS, TimeUnit.SECONDS);

            Results results = new Results();
            for (int i = 0; plan.messages() > 0 && i < plan.warmups() + plan.iterations(); i++) {
                Results.OneWay run = oneWay(server, client, plan);
                if (i >= plan.warmups()) {
                    results.add(run);
                }
            }
            for (int i = 0; plan.rounds() > 0 && i < plan.warmups() + plan.iterations(); i++) {
                Results.PingPong run = pingPong(server, client, plan);
                if (i >= plan.warmups()) {
                    results.add(run);
                }
            }
            channel.close().sync();
            listener.close().sync();
            return results;
        } finally {
            client.payload.release();
            client.markerBuffer.release();
            clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(WAIT_SECONDS, TimeUnit.SECONDS);
            child.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(WAIT_SECONDS, TimeUnit.SECONDS);
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static Results.OneWay oneWay(ServerHandler server, ClientHandler client, Plan plan) throws Exception {
        CompletableFuture<long[]> counted = server.expect(false);
        long cpu = Results.processCpuNanos();
        // inside the CPU window, so that reading the CPU time is not counted as allocation
        AllocationMeter allocation = AllocationMeter.start();
        long start = System.nanoTime();
        CompletableFuture<Long> sent = client.sendMessages(plan.messages(), start + plan.budgetNanos());
        long[] c = counted.get(WAIT_SECONDS, TimeUnit.SECONDS);
        long n = sent.get(WAIT_SECONDS, TimeUnit.SECONDS);
        long allocated = AllocationMeter.stop(allocation, 0);
        cpu = cpu < 0 ? -1 : Results.processCpuNanos() - cpu;
        return new Results.OneWay(n, c[0], c[1], c[2] - start, cpu, allocated);
    }

    private static Results.PingPong pingPong(ServerHandler server, ClientHandler client, Plan plan) throws Exception {
        CompletableFuture<long[]> echoed = server.expect(true);
        long[] rtt = new long[plan.rounds()];
        long cpu = Results.processCpuNanos();
        // inside the CPU window, so that reading the CPU time is not counted as allocation
        AllocationMeter allocation = AllocationMeter.start();
        long[] r = client.ping(rtt, plan.budgetNanos()).get(WAIT_SECONDS, TimeUnit.SECONDS);
        echoed.get(WAIT_SECONDS, TimeUnit.SECONDS); // the echoer has seen the marker: the next run starts clean
        long allocated = AllocationMeter.stop(allocation, 0);
        cpu = cpu < 0 ? -1 : Results.processCpuNanos() - cpu;
        return Results.PingPong.of(rtt, (int) r[0], r[1], cpu, allocated);
    }

    /** The accepted end: counts messages (one-way) or echoes them (ping-pong) until the 1-byte marker. */
    private static final class ServerHandler extends ChannelInboundHandlerAdapter {

        private final int size;
        final CompletableFuture<Void> active = new CompletableFuture<>();
        private volatile boolean echo;
        private volatile CompletableFuture<long[]> done = new CompletableFuture<>();
        // Event-loop confined.
        private long received;
        private long bytes;

        ServerHandler(int size) {
            this.size = size;
        }

        /** Arms the next run; the future gets {received, bytes, nanoTime at the marker}. */
        CompletableFuture<long[]> expect(boolean echoMode) {
            CompletableFuture<long[]> f = new CompletableFuture<>();
            echo = echoMode;
            done = f;
            return f;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            active.complete(null);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            SctpMessage m = (SctpMessage) msg;
            int n = m.content().readableBytes();
            if (n == Plan.MARKER_SIZE) {
                m.release();
                long[] result = {received, bytes, System.nanoTime()};
                received = 0;
                bytes = 0;
                done.complete(result);
            } else if (n != size) {
                m.release();
                done.completeExceptionally(new IllegalStateException("a " + n + "-byte message arrived"));
            } else if (echo) {
                // The content moves into the reply, which releases it once written.
                ctx.writeAndFlush(new SctpMessage(m.protocolIdentifier(), m.streamIdentifier(), m.content()));
            } else {
                received++;
                bytes += n;
                m.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            active.completeExceptionally(cause);
            done.completeExceptionally(cause);
        }
    }

    /** The dialling end: pumps messages while the channel is writable, or pings and waits for each echo. */
    private static final class ClientHandler extends ChannelInboundHandlerAdapter {

        private final int size;
        final ByteBuf payload;
        // Sent many times, so wrapped unreleasable; the buffer under it is released with the payload.
        final ByteBuf markerBuffer = Unpooled.directBuffer(1).writeByte('.');
        private final ByteBuf marker = Unpooled.unreleasableBuffer(markerBuffer);
        // Event-loop confined from here on.
        private Channel channel;
        private CompletableFuture<Long> sending;
        private long toSend;
        private long sent;
        private long deadline;
        private CompletableFuture<long[]> pinging;
        private long[] rtt;
        private int done;
        private long start;
        private long last;

        private final boolean flushEach;

        ClientHandler(int size, boolean flushEach) {
            this.size = size;
            this.flushEach = flushEach;
            this.payload = Unpooled.directBuffer(size).writeBytes(Payloads.bytes(size));
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel();
        }

        private SctpMessage message() {
            return new SctpMessage(0, 0, payload.retainedDuplicate());
        }

        private SctpMessage markerMessage() {
            return new SctpMessage(0, 0, marker.duplicate());
        }

        /** Starts a one-way run; the future gets the number of messages sent before the marker. */
        CompletableFuture<Long> sendMessages(long messages, long deadlineNanos) {
            CompletableFuture<Long> f = new CompletableFuture<>();
            channel.eventLoop().execute(() -> {
                sending = f;
                toSend = messages;
                sent = 0;
                deadline = deadlineNanos;
                pump();
            });
            return f;
        }

        private void pump() {
            if (sending == null) {
                return;
            }
            while (channel.isWritable()) {
                if (sent == toSend || ((sent & 63) == 0 && sent > 0 && System.nanoTime() > deadline)) {
                    channel.writeAndFlush(markerMessage());
                    CompletableFuture<Long> f = sending;
                    sending = null;
                    f.complete(sent);
                    return;
                }
                if (flushEach) {
                    channel.writeAndFlush(message());
                } else {
                    channel.write(message());
                }
                sent++;
            }
            // Unwritable: flush what is queued; channelWritabilityChanged resumes once it has drained.
            channel.flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                pump();
            }
            ctx.fireChannelWritabilityChanged();
        }

        /**
         * Starts a ping-pong run of at most {@code times.length} round trips, timing each into {@code times}; the
         * future gets {rounds, nanos}.
         */
        CompletableFuture<long[]> ping(long[] times, long budgetNanos) {
            CompletableFuture<long[]> f = new CompletableFuture<>();
            channel.eventLoop().execute(() -> {
                pinging = f;
                rtt = times;
                done = 0;
                start = System.nanoTime();
                last = start;
                deadline = start + budgetNanos;
                channel.writeAndFlush(message());
            });
            return f;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            SctpMessage m = (SctpMessage) msg;
            int n = m.content().readableBytes();
            m.release();
            CompletableFuture<long[]> f = pinging;
            if (f == null) {
                return;
            }
            if (n != size) {
                f.completeExceptionally(new IllegalStateException("a " + n + "-byte echo arrived"));
                return;
            }
            long now = System.nanoTime();
            rtt[done++] = now - last;
            last = now;
            if (done < rtt.length && now <= deadline) {
                channel.writeAndFlush(message());
            } else {
                pinging = null;
                f.complete(new long[] {done, now - start});
                channel.writeAndFlush(markerMessage());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (sending != null) {
                sending.completeExceptionally(cause);
            }
            if (pinging != null) {
                pinging.completeExceptionally(cause);
            }
        }
    }
}
