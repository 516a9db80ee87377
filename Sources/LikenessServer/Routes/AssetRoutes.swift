import Hummingbird
import LikenessReport

/// `/assets/app.js`, `/assets/app.css` and `/api/v1/openapi.json`, embedded in the binary from
/// Sources/LikenessServer/Assets.
enum AssetRoutes {
    static func add(to router: Router<some RequestContext>) {
        router.get("/api/v1/openapi.json") { _, _ in
            TextResponse.bytes(PackageResources.openapi_json, type: "application/json", cache: "no-cache")
        }
        router.get("/assets/app.js") { _, _ in
            TextResponse.bytes(PackageResources.app_js, type: "text/javascript; charset=utf-8", cache: "no-cache")
        }
        router.get("/assets/map.js") { _, _ in
            TextResponse.bytes(Array(ScatterMap.script.utf8), type: "text/javascript; charset=utf-8", cache: "no-cache")
        }
        router.get("/assets/report.css") { _, _ in
            TextResponse.bytes(Array((ScatterMap.stylesheet + ClusterReport.stylesheet).utf8), type: "text/css; charset=utf-8", cache: "no-cache")
        }
        router.get("/assets/app.css") { _, _ in
            TextResponse.bytes(PackageResources.app_css, type: "text/css; charset=utf-8", cache: "no-cache")
        }
    }
}
