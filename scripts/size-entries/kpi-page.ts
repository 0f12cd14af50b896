// What a page with one KPI tile loads: the source the tile asks (client and query) and the tile (lit).
import '../../packages/widgets/src/source/cc-source.js';
import '../../packages/widgets/src/kpi/cc-kpi.js';
