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

# 附属書Aのテーマ(A.5〜A.8)と実施状況。ページとエクスポートに表示される表現。
ctl-theme-5 = 組織的管理策
ctl-theme-6 = 人的管理策
ctl-theme-7 = 物理的管理策
ctl-theme-8 = 技術的管理策
ctl-impl-implemented = 実施済み
ctl-impl-partial = 一部実施
ctl-impl-planned = 計画中
ctl-impl-not-implemented = 未実施
ctl-cov-not-applicable = 適用除外
ctl-cov-implemented = 実施済み
ctl-cov-via-mapping = マッピングにより充足
ctl-cov-partial-via-mapping = マッピングにより一部充足
ctl-cov-uncovered = 未充足
ctl-attr-control-type = 管理策タイプ
ctl-attr-properties = 情報セキュリティ特性
ctl-attr-concepts = サイバーセキュリティ概念
ctl-attr-capabilities = 運用能力
ctl-attr-domains = セキュリティドメイン
ctl-handbook = ハンドブック
ctl-breadcrumb = パンくずリスト
ctl-annex-a = 附属書A 管理策
ctl-annex-a-name = ISO/IEC 27001:2022 附属書A
ctl-soa-standard-name = ISO/IEC 27001:2022 附属書A
ctl-controls-lead = ISO/IEC 27001:2022 附属書A:適用する管理策 { $applicable } 件のうち { $covered } 件が承認済み文書で実施されています(適用除外 { $excluded } 件)。
ctl-col-control = 管理策
ctl-col-title = タイトル
ctl-col-applicable = 適用可否
ctl-col-implemented-by = 実施文書
ctl-col-document = 文書
ctl-col-owner = 責任者
ctl-col-owners = 責任者
ctl-col-next-review = 次回レビュー
ctl-col-status = 実施状況
ctl-col-risk = リスク
ctl-col-residual = 残留リスク
ctl-col-exception = 例外
ctl-col-scope = 範囲
ctl-col-expires = 有効期限
ctl-col-framework = フレームワーク
ctl-col-coverage = 充足状況
ctl-col-requirement = 要求事項
ctl-col-relationship = 関係
ctl-col-implemented = 実施
ctl-col-coverage-given = もたらす充足
ctl-col-mapping = マッピング
ctl-col-via-mapping = マッピングにより充足
ctl-col-partial-via-mapping = マッピングにより一部充足
ctl-col-not-covered = 未充足
ctl-col-not-applicable = 適用除外
ctl-col-from = 対応元
ctl-col-to = 対応先
ctl-col-file = ファイル
ctl-col-entries = 項目数
ctl-col-now-part-of = 統合先
ctl-yes = 適用
ctl-no = 適用除外
ctl-yes-short = 適用
ctl-excluded = 適用除外
ctl-no-excluded = 適用除外
ctl-unmapped = 文書なし
ctl-documents = { $n } 件の文書
ctl-applicability = 適用性
ctl-justification = 根拠
ctl-implementation = 実施状況
ctl-note = 備考
ctl-no-document = この管理策を実施する承認済み文書はありません。
ctl-not-in-force = 有効でない文書でも言及されています
ctl-risks-treated = 対応するリスク
ctl-above-appetite = リスク選好を超過
ctl-exceptions-in-force = 有効な例外
ctl-mapped = 他のフレームワークの対応する管理策
ctl-mapped-reversed = (反対側から読んだ項目)
ctl-mapped-implemented = 実施済み
ctl-mapped-not-implemented = 未実施
ctl-mapped-not-applicable = 適用除外
ctl-gives-full = 充足する
ctl-gives-partial = 一部充足する
ctl-soa = 適用宣言書
ctl-soa-organisation = 組織
ctl-soa-standard = 規格
ctl-soa-generated = 作成日
ctl-soa-version = ハンドブックの版
ctl-soa-commit = コミット
ctl-soa-no-vcs = バージョン管理されていません
ctl-soa-summary = 概要
ctl-soa-summary-text = 適用 { $applicable } 件(うち承認済み文書で実施 { $implemented } 件)、適用除外 { $excluded } 件
ctl-soa-download-xlsx = Excel ブックとしてダウンロード
ctl-soa-download-csv = CSV としてダウンロード
ctl-soa-download-note = (どちらも Excel と LibreOffice で開けます)
ctl-soa-exception-in-force = 有効な例外:
# 根拠が書かれていない管理策に soa.csv と soa.xlsx が記す根拠。`ismsbook adopt --soa` は
# (同梱のどの言語でも)これを認識し、取り込みません。
ctl-soa-derived = 記載の文書により実施
# 管理策が対応するリスク(根拠の後に記載)。adopt --soa は再び取り除きます。
ctl-soa-treats = 対応リスク { $risks }
ctl-soa-then = { $written }。{ $treats }
# soa.csv と soa.xlsx の列。adopt --soa は同梱のどの言語の見出しも読み戻します。
ctl-soa-col-control = 管理策
ctl-soa-col-theme = テーマ
ctl-soa-col-title = タイトル
ctl-soa-col-applicable = 適用可否
ctl-soa-col-justification = 根拠
ctl-soa-col-status = 実施状況
ctl-soa-col-documents = 実施文書
ctl-soa-col-owners = 責任者
ctl-soa-col-next-review = 次回レビュー
ctl-soa-col-exceptions = 例外
# frameworks/<id>/applicability.csv の列(その他は適用宣言書と同じ)。
ctl-fw-col-group = グループ
ctl-fw-col-coverage = 充足状況
ctl-fw-col-mapped-via = マッピング経由
ctl-fw-partly = { $mapping }(一部)
ctl-fw-lead-start = 各フレームワークの充足状況。
ctl-fw-lead-implemented = 実施済み
ctl-fw-lead-counts = は承認済み文書が挙げる要求事項の数です。
ctl-fw-lead-via = マッピングにより充足
ctl-fw-lead-and = と
ctl-fw-lead-partial = マッピングにより一部充足
ctl-fw-lead-derived = は他のフレームワークの実施済み管理策へのマッピングから導かれたもので、実施済みには数えません。
ctl-fw-stack = 実施済み { $implemented }、マッピングにより充足 { $via }、マッピングにより一部充足 { $partial }、未充足 { $uncovered }
ctl-fw-stack-of = 適用 { $applicable } 件中、実施済み { $implemented }、マッピングにより充足 { $via }、マッピングにより一部充足 { $partial }、未充足 { $uncovered }
ctl-legend-implemented = 実施済み
ctl-legend-via = マッピングにより充足
ctl-legend-partial = マッピングにより一部充足
ctl-legend-uncovered = 未充足
ctl-crosswalks = マッピング表
ctl-no-crosswalk = マッピング表は宣言されていません(ismsbook.toml の [[mappings]])。
ctl-matrix = 文書 × フレームワーク
ctl-matrix-lead = 各文書が挙げる管理策(フレームワーク別)。
ctl-fw-prefix = 接頭辞
ctl-fw-catalog-version = カタログの版
ctl-fw-applicability-from = 適用性の定義
ctl-fw-of-applicable = 適用する要求事項 { $n } 件のうち、
ctl-fw-implemented-by-doc = 件が承認済み文書で実施、
ctl-fw-via = 件がマッピングにより充足、
ctl-fw-partial = 件がマッピングにより一部充足、
ctl-fw-uncovered = 件が未充足
ctl-fw-not-applicable = 適用除外 { $n } 件
ctl-fw-controls = 管理策
ctl-fw-other-controls = その他の管理策
ctl-withdrawn-controls = 廃止された管理策({ $n })
ctl-withdrawn-from = { $name } から廃止されました。
ctl-now-part-of = 統合先:
ctl-id-in-documents = 文書での ID
ctl-decided-in = 決定箇所
ctl-derived-note = マッピングから導かれたもので、独自の文書による実施ではありません
ctl-grouping-note = { $id } 自体ではなく、含まれる管理策で数えます
ctl-controls-in = { $id } の管理策

## Risks and exceptions (risks.hbs, risk.hbs, exceptions.hbs)
