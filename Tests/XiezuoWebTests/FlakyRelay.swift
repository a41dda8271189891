import Foundation
import NIOConcurrencyHelpers
import Vapor

/// A loopback relay in front of a node's change feed that can cut the connection in the middle of a page:
/// it sends the headers and half the body, then drops the connection, as a failing network would.
final class FlakyRelay: Sendable {
    let app: Application
    let port: Int
    private let cuts: NIOLockedValueBox<Int>
    private let garbles: NIOLockedValueBox<Int>
    private let served: NIOLockedValueBox<Int>
    private let hints: NIOLockedValueBox<Hints>

    /// What the relay does with the sender's `Xiezuo-Next` / `Xiezuo-Has-More` headers.
    enum Hints: Sendable { case pass, mislead, strip }

    private init(app: Application, port: Int, cuts: NIOLockedValueBox<Int>, garbles: NIOLockedValueBox<Int>, served: NIOLockedValueBox<Int>,
                 hints: NIOLockedValueBox<Hints>) {
        self.app = app
        self.port = port
        self.cuts = cuts
        self.garbles = garbles
        self.served = served
        self.hints = hints
    }

    /// Passes the sender's next-page headers on, points `Xiezuo-Next` 1,000 changes too far, or drops both.
    func setHints(_ mode: Hints) { hints.withLockedValue { $0 = mode } }

    /// Pages served so far (whole or cut).
    var requests: Int { served.withLockedValue { $0 } }

    /// Cuts the next `count` responses in the middle.
    func cutNext(_ count: Int) { cuts.withLockedValue { $0 = count } }

    /// Answers the next `count` requests in full, but with only the first half of the page: a reply that arrives
    /// whole and is not JSON.
    func garbleNext(_ count: Int) { garbles.withLockedValue { $0 = count } }

    static func start(target: Int) async throws -> FlakyRelay {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .critical
        let cuts = NIOLockedValueBox(0)
        let garbles = NIOLockedValueBox(0)
        let served = NIOLockedValueBox(0)
        let hints = NIOLockedValueBox(Hints.pass)
        app.get("api", "v1", "exchange", "jobs") { request async throws -> Response in
            served.withLockedValue { $0 += 1 }
            let upstream = try await request.client.get(URI(string: "http://127.0.0.1:\(target)/api/v1/exchange/jobs?\(request.url.query ?? "")")) {
                if let bearer = request.headers.bearerAuthorization { $0.headers.bearerAuthorization = bearer }
            }
            let body = upstream.body ?? ByteBuffer()
            let cut = cuts.withLockedValue { value -> Bool in
                guard value > 0 else { return false }
                value -= 1
                return true
            }
            let half = body.getSlice(at: body.readerIndex, length: body.readableBytes / 2) ?? ByteBuffer()
            let garble = garbles.withLockedValue { value -> Bool in
                guard value > 0 else { return false }
                value -= 1
                return true
            }
            if garble { return Response(status: .ok, headers: ["Content-Type": "application/json"], body: .init(buffer: half)) }
            guard cut else {
                var headers = upstream.headers
                switch hints.withLockedValue({ $0 }) {
                case .pass: break
                case .mislead:
                    if let next = headers.first(name: "Xiezuo-Next").flatMap({ Int64($0) }) {
                        headers.replaceOrAdd(name: "Xiezuo-Next", value: String(next + 1_000))
                    }
                case .strip:
                    headers.remove(name: "Xiezuo-Next")
                    headers.remove(name: "Xiezuo-Has-More")
                }
                return Response(status: upstream.status, headers: headers, body: .init(buffer: body))
            }
            return Response(status: .ok, headers: ["Content-Type": "application/json"], body: .init(asyncStream: { writer in
                try await writer.write(.buffer(half))
                try await writer.write(.error(Abort(.internalServerError, reason: "connection cut by the relay")))
            }, count: body.readableBytes))
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        guard let port = app.http.server.shared.localAddress?.port else { fatalError("relay has no port") }
        return FlakyRelay(app: app, port: port, cuts: cuts, garbles: garbles, served: served, hints: hints)
    }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}
