# ismsbook の日本語インターフェース。キーは en.ftl と同じです（テストで比較しています）。
# 言葉を変えるには、コンテンツフォルダーの theme/locales/ja.ftl にそのメッセージだけを書きます。

## Shared: dates, counts and the names of things (src/render/site.rs)

date = { $year }年{ $m }月{ $d }日
days = { $n }日
badge-overdue = { $n }日超過
badge-due-in = あと{ $n }日
badge-due-today = 本日期限
none = —
status-draft = 下書き
status-approved = 承認済み
status-retired = 廃止
status-unknown = 不明
classification-public = 公開
classification-internal = 社内限り
classification-confidential = 機密
classification-restricted = 極秘
doc-type-policy = 方針
doc-type-standard = 基準
doc-type-procedure = 手順書
doc-type-guideline = ガイドライン
doc-type-plan = 計画書
doc-type-record = 記録
doc-type-register = 台帳
doc-type-document = 文書
doc-types-policy = 方針
doc-types-standard = 基準
doc-types-procedure = 手順書
doc-types-guideline = ガイドライン
doc-types-plan = 計画書
doc-types-record = 記録
doc-types-register = 台帳
doc-types-other = その他の文書
severity-error = エラー
severity-warning = 警告
severity-note = 注記

## Every page's frame (layout.hbs, findings.hbs)

skip-to-content = 本文へスキップ
nav-sections = セクション
nav-dashboard = ダッシュボード
nav-documents = 文書
nav-controls = 管理策
nav-frameworks = フレームワーク
nav-soa = 適用宣言書
nav-risks = リスク
nav-exceptions = 例外
nav-reviews = レビュー
nav-owners = 責任者
nav-print = 印刷
search-label = ハンドブックを検索
search-placeholder = 検索  ( / )
search-results = 検索結果
theme-toggle = ライトモードとダークモードを切り替える
theme-toggle-title = ライト / ダーク
sidebar = 文書
footer-generated = { $date } に ismsbook で生成
footer-commit = コミット
footer-as-of = { $date } 時点のハンドブック（コミット { $commit }）
findings = 指摘事項
finding-details = 詳細

## The browser's part (assets/strings.js, read by ismsbook.js and the live-reload overlay)

js-search-none = 該当する結果はありません
js-search-count-one = { $n } 件
js-search-count-other = { $n } 件
js-reload-failed = ismsbook: ビルドに失敗しました — このページは最後に成功したビルドを表示しています
js-reload-dismiss = 閉じる

## Dashboard (index.hbs, src/render/pages.rs, src/render/timeline.rs)

## Documents, owners, reviews and print (documents.hbs, document.hbs, owners.hbs, reviews.hbs, print*.hbs, reviews.ics)

## Controls, SoA and frameworks (controls.hbs, control.hbs, soa.hbs, framework*.hbs, matrix.hbs, soa.csv/xlsx)

## Risks and exceptions (risks.hbs, risk.hbs, exceptions.hbs)
