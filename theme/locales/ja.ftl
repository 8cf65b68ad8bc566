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

dash-lead = { $organisation } の情報セキュリティマネジメントシステム（ISO/IEC 27001:2022）
dash-summary = 概要
dash-card-coverage = 対応済みの附属書A管理策
dash-coverage-meter = 適用される管理策の { $percent }% を実施済み
dash-coverage-note = 適用 { $applicable }、適用除外 { $excluded }、文書なし { $unmapped }
dash-card-documents = 文書
dash-documents-note = 承認済み { $approved }、下書き { $drafts }、廃止 { $retired }
dash-card-overdue = 期限超過のレビュー
dash-overdue-note = { $days } 日以内に期限 { $n } 件
dash-card-risks = リスク選好を超えるリスク
dash-risks-note = 未受容 { $unaccepted }、期限超過のリスクレビュー { $overdue } 件、登録簿のリスク { $count } 件
dash-card-exceptions = 有効な例外
dash-exceptions-note = 失効 { $expired }、{ $days } 日以内に失効 { $expiring }、合計 { $count } 件
dash-card-errors = エラー
dash-warnings-note = 警告 { $n } 件
dash-timeline = 期限の到来
dash-month =
    { $m ->
        [1] 1月
        [2] 2月
        [3] 3月
        [4] 4月
        [5] 5月
        [6] 6月
        [7] 7月
        [8] 8月
        [9] 9月
        [10] 10月
        [11] 11月
       *[12] 12月
    }
dash-month-short =
    { $m ->
        [1] 1月
        [2] 2月
        [3] 3月
        [4] 4月
        [5] 5月
        [6] 6月
        [7] 7月
        [8] 8月
        [9] 9月
        [10] 10月
        [11] 11月
       *[12] 12月
    }
dash-month-year = { $year }年{ $month }
dash-overdue = 期限超過
dash-overdue-short = 超過
dash-due-documents = 文書レビュー { $n } 件
dash-due-risks = リスクレビュー { $n } 件
dash-due-exceptions = 例外の失効 { $n } 件
dash-due-expired = 失効した例外 { $n } 件
dash-due-nothing = なし
dash-due-separator = 、
dash-due-title = { $when }：{ $items }
dash-due-summary = 期限の到来。期限超過：{ $overdue }。{ $from }〜{ $to }：{ $ahead }。
dash-legend-documents = 文書レビュー
dash-legend-risks = リスクレビュー
dash-legend-exceptions = 例外の失効
dash-legend-overdue = 。最初の列は既に期限を過ぎたもの（期限超過のレビュー、失効した例外）です。
dash-timeline-table = 月別の期限の到来
dash-col-month = 月
dash-col-documents = 文書レビュー
dash-col-risks = リスクレビュー
dash-col-exceptions = 例外の失効
dash-risks-above = リスク選好を超えるリスク
dash-risks-above-intro = 残留リスクのスコアがリスク選好 { $appetite } を超えています。それぞれリスク所有者によるリスク受容が必要です（ISO/IEC 27001 6.1.3 f）。
dash-risks-above-none = リスク選好 { $appetite } を超える残留リスクはありません。
dash-col-risk = リスク
dash-col-owner = 責任者
dash-col-risk-owner = リスク所有者
dash-col-residual = 残留リスク
dash-col-accepted = 受容
dash-accepted = 受容済み
dash-not-accepted = 未受容
dash-accepted-by = { $by }、{ $date }
dash-risk-reviews = 期限超過のリスクレビュー
dash-col-review-due = レビュー期限
dash-never-reviewed = 未レビュー
dash-risk-reviews-none = 期限超過のリスクレビューはありません。
dash-col-framework = フレームワーク
dash-col-coverage = カバー率
dash-col-implemented = 実施済み
dash-col-via-mapping = マッピング経由
dash-col-partial = 一部マッピング経由
dash-col-uncovered = 未対応
dash-col-applicable = 適用
dash-fw-meter = 実施済み { $direct }%、マッピング経由を含めて { $covered }%
dash-overdue-reviews = 期限超過のレビュー
dash-col-document = 文書
dash-overdue-reviews-none = 期限超過のレビューはありません。
dash-due-soon = { $days } 日以内に期限が来るレビュー
dash-due-soon-none = 今後 { $days } 日以内に期限が来るレビューはありません。
dash-unmapped = 文書のない管理策
dash-unmapped-intro = 承認済みの文書が実施していない、適用される管理策です。
dash-unmapped-none = 適用されるすべての管理策を承認済みの文書が実施しています。
dash-search-control = 管理策
dash-search-risk = リスク
dash-search-theme-organizational = 組織的管理策
dash-search-theme-people = 人的管理策
dash-search-theme-physical = 物理的管理策
dash-search-theme-technological = 技術的管理策
dash-search-treatment = リスク対応：{ $treatment }
dash-search-no-treatment = リスク対応なし
dash-search-residual = { $text } · 残留リスク { $score }
dash-search-treatment-mitigate = 低減
dash-search-treatment-accept = 受容
dash-search-treatment-transfer = 移転
dash-search-treatment-avoid = 回避

## Documents, owners, reviews and print (documents.hbs, document.hbs, owners.hbs, reviews.hbs, print*.hbs, reviews.ics)

## Controls, SoA and frameworks (controls.hbs, control.hbs, soa.hbs, framework*.hbs, matrix.hbs, soa.csv/xlsx)

## Risks and exceptions (risks.hbs, risk.hbs, exceptions.hbs)
