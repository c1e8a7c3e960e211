export type {
  DayPoint,
  RankedRow,
  Report,
  SalesTotals,
  SearchRow,
  StockRiskRow,
  Today,
  TodayTile,
} from "./contract.ts";
export type { AnalyticsRouter } from "./router/index.ts";
