import Foundation
import Hummingbird
import Logging
import NIOCore

/// `likeness serve`: the HTTP API and the web app over the engine's jobs.
///
/// Every route is registered here, in one place, with the typed handler that serves it: pages at
/// `/`, `/dupes`, `/dupes/{id}`, `/search`, `/novelty`, `/calibrate`, `/login`; the JSON API under `/api/v1`; the
/// script and stylesheet under `/assets`.
public struct LikenessServer: Sendable {
    public let services: ServerServices

    public init(services: ServerServices) {
        self.services = services
    }

    public init(configuration: ServerConfiguration) {
        self.init(services: ServerServices(configuration: configuration))
    }

    /// The router with every route and the access checks in front of them.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        let configuration = services.configuration
        router.add(middleware: AccessGuard(token: configuration.token, session: services.session,
                                           loopback: ServerConfiguration.isLoopback(configuration.host)))
        PageRoutes.add(to: router, services: services)
        AssetRoutes.add(to: router)
        LibraryRoutes.add(to: router, services: services)
        ImageRoutes.add(to: router, services: services)
        JobRoutes.add(to: router, services: services)
        DupesRoutes.add(to: router, services: services)
        SearchRoutes.add(to: router, services: services)
        CalibrationRoutes.add(to: router, services: services)
        ClusteringRoutes.add(to: router, services: services)
        return router
    }

    /// The application, ready to run or to test.
    public func application(logger: Logger = Logger(label: "likeness.serve"),
                            onRunning: @escaping @Sendable (Int) -> Void = { _ in }) -> some ApplicationProtocol {
        Application(router: router(),
                    configuration: .init(address: .hostname(services.configuration.host, port: services.configuration.port),
                                         serverName: "likeness"),
                    onServerRunning: { channel in onRunning(channel.localAddress?.port ?? services.configuration.port) },
                    logger: logger)
    }

    /// Serves until SIGINT or SIGTERM, then cancels the jobs still queued or running and waits for
    /// the running one to stop (it keeps what it finished, as after Ctrl-C in the CLI).
    public func run(onRunning: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        do {
            try await application(onRunning: onRunning).runService()
        } catch {
            await services.runner.stop()
            throw error
        }
        await services.runner.stop()
    }
}
