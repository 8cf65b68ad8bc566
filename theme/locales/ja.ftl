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
md-alert-note = 注記
md-alert-tip = ヒント
md-alert-important = 重要
md-alert-warning = 警告
md-alert-caution = 注意
md-task-done = 完了
md-task-open = 未完了

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
footer-generated = ismsbook により{ $date }に生成
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
js-diagram-failed = この図は描画できませんでした。ソースを以下に示します。

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
dash-risks-note = 未受容 { $unaccepted } 件、期限超過のリスクレビュー { $overdue } 件、登録簿のリスク { $count } 件
dash-card-exceptions = 有効な例外
dash-exceptions-note = 期限切れ { $expired } 件、{ $days } 日以内に期限切れ { $expiring } 件、合計 { $count } 件
dash-card-errors = エラー
dash-warnings-note = 警告 { $n } 件
dash-timeline = 今後の期限
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
dash-due-exceptions = 例外の期限 { $n } 件
dash-due-expired = 期限切れの例外 { $n } 件
dash-due-nothing = なし
dash-due-separator = 、
dash-due-title = { $when }：{ $items }
dash-due-summary = 今後の期限。期限超過：{ $overdue }。{ $from }〜{ $to }：{ $ahead }。
dash-legend-documents = 文書レビュー
dash-legend-risks = リスクレビュー
dash-legend-exceptions = 例外の期限
dash-legend-overdue = 。最初の列は既に期限を過ぎたもの（期限超過のレビュー、期限切れの例外）です。
dash-timeline-table = 月別の期限
dash-col-month = 月
dash-col-documents = 文書レビュー
dash-col-risks = リスクレビュー
dash-col-exceptions = 例外の期限
dash-risks-above = リスク選好を超えるリスク
dash-risks-above-intro = 残留リスクの値がリスク選好 { $appetite } を超えています。それぞれリスク所有者によるリスク受容が必要です（ISO/IEC 27001 6.1.3 f）。
dash-risks-above-none = リスク選好 { $appetite } を超える残留リスクはありません。
dash-col-risk = リスク
dash-col-owner = 責任者
dash-col-risk-owner = リスク所有者
dash-col-residual = 残留リスクの値
dash-col-accepted = 受容
dash-accepted = 受容済み
dash-not-accepted = 未受容
dash-accepted-by = { $by }、{ $date }
dash-risk-reviews = 期限超過のリスクレビュー
dash-col-review-due = レビュー期限
dash-never-reviewed = 未レビュー
dash-risk-reviews-none = 期限超過のリスクレビューはありません。
dash-col-framework = フレームワーク
dash-col-coverage = 充足状況
dash-col-implemented = 実施済み
dash-col-via-mapping = マッピングにより充足
dash-col-partial = マッピングにより一部充足
dash-col-uncovered = 未充足
dash-col-applicable = 適用
dash-fw-meter = 実施済み { $direct }%、マッピングによる充足を含めて { $covered }%
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

# 文書ページ (document.hbs)
doc-breadcrumb = パンくずリスト
doc-handbook = ハンドブック
doc-banner-confidential = 機密
doc-banner-restricted = 極秘
doc-banner-invalid = この文書のフロントマターが不正です。表示されているメタデータは不完全な可能性があります。下の指摘事項を確認してください。
doc-banner-draft = 下書き：未承認のため、効力はありません。
doc-banner-retired = 廃止：参照用に保管されており、効力はありません。
doc-metadata = 文書のメタデータ
doc-owner = 責任者
doc-version = 版
doc-status = 状態
doc-classification = 機密区分
doc-approved-by = 承認者
doc-approved-by-on = { $approver }（{ $date }）
doc-last-reviewed = 前回レビュー
doc-next-review = 次回レビュー
doc-other-frameworks = その他のフレームワーク
doc-clauses = 箇条
doc-tags = タグ
doc-last-changed = 最終更新
doc-source = ソース
doc-repository = リポジトリ
doc-edit = このページを編集
doc-view-history = 履歴を表示
doc-on-this-page = このページの内容
doc-related = 関連文書
doc-history = 変更履歴
doc-history-shallow = このリポジトリはシャロークローンのため、古い変更は表示されません。
doc-history-date = 日付
doc-history-change = 変更内容
doc-history-author = 作成者
doc-history-commit = コミット
doc-history-removed = 削除
doc-history-front-matter = フロントマターのみ
# $command はそれらを一覧表示する `git log` コマンドです。
doc-history-older = ほかに { $n } 件の古い変更がリポジトリの履歴にあります（{ $command }）。
doc-referenced-by = 参照元
doc-no-backlinks = この文書にリンクしている文書はありません。
# 文書一覧 (documents.hbs)
doc-list-lead = { $n } 件の文書（種類別）
doc-id = ID
doc-title = タイトル
doc-document = 文書
# 責任者 (owners.hbs)
doc-owners-lead = 各文書の責任者と、その責任者が行うべきレビューを示します。
doc-owners-overdue = 期限超過 { $n } 件
doc-owners-due-soon = 期限間近 { $n } 件
doc-no-owner = （責任者なし）
# レビュー予定表 (reviews.hbs)。$link は reviews.ics へのリンクです。
doc-reviews-title = レビュー予定表
doc-reviews-lead = { $date } 時点のレビュー状況です。カレンダーアプリで { $link } を購読すると、すべてのレビューが終日の予定として表示されます。
doc-reviews-overdue = 期限超過
doc-reviews-due-30 = 30日以内に期限
doc-reviews-due-90 = 31〜90日後に期限
doc-reviews-later = それ以降
doc-reviews-unscheduled = レビュー日未設定
doc-reviews-none = なし
doc-reviews-by-owner = 責任者別
doc-reviews-next-30 = 30日以内
doc-reviews-31-90 = 31〜90日
# reviews.ics: カレンダーアプリに表示される内容
doc-ics-calendar = { $title } レビュー
doc-ics-review = レビュー：{ $id } { $title }
doc-ics-category-review = ISMSレビュー
doc-ics-exception = 例外 { $id } の期限：{ $title }
doc-ics-exception-text = 例外の有効期間の最終日です。新しい期限と承認で更新するか、終了してください。
doc-ics-category-exception = ISMS例外
doc-ics-scope = 対象範囲
doc-ics-approver = 承認者
doc-ics-file = ファイル
# 印刷版 (print.hbs, print-document.hbs)
doc-print-title = { $title }（印刷版）
doc-print-page-title = ハンドブック印刷版
doc-print-isms = 情報セキュリティマネジメントシステム
doc-print-generated = 生成日
doc-print-commit = コミット
doc-print-no-vcs = バージョン管理外
doc-print-shown = 時点
doc-print-contents = 収録内容
doc-print-toc = 目次
doc-print-contents-text = 承認済みのすべての文書と適用宣言書
doc-print-contents-split = 承認済みのすべての文書（文書種別ごとの印刷用ページ、下記参照）と適用宣言書
doc-print-contents-volume = 以下に示す承認済みの文書
doc-print-all-parts = 印刷用ページの一覧
doc-print-volume-part = { $name }（第 { $part } 部／全 { $parts } 部）
doc-print-volume-count = { $n } 件
doc-print-back = ハンドブックに戻る
doc-print-hint = ブラウザーの印刷機能で PDF に保存できます。
doc-print-soa = 適用宣言書
doc-print-control = 管理策
doc-print-applicable = 適用
doc-print-justification = 根拠
doc-print-implemented-by = 実施文書
doc-print-yes = 適用
doc-print-no = 適用除外
doc-print-exception = 有効な例外
doc-print-approved = 承認
doc-print-reviewed = レビュー
doc-print-reviewed-next = { $last }（次回 { $next }）

## Controls, SoA and frameworks (controls.hbs, control.hbs, soa.hbs, framework*.hbs, matrix.hbs, soa.csv/xlsx)
ctl-rel-equivalent-to = 同等
ctl-rel-equal-to = 同一
ctl-rel-subset-of = 部分集合
ctl-rel-superset-of = 上位集合
ctl-rel-intersects-with = 一部重複

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
ctl-controls-lead = ISO/IEC 27001:2022 附属書A：適用する管理策 { $applicable } 件のうち { $covered } 件が承認済み文書で実施されています（適用除外 { $excluded } 件）。
ctl-col-control = 管理策
ctl-col-title = タイトル
ctl-col-applicable = 適用
ctl-col-implemented-by = 実施文書
ctl-col-document = 文書
ctl-col-owner = 責任者
ctl-col-owners = 責任者
ctl-col-next-review = 次回レビュー
ctl-col-status = 実施状況
ctl-col-risk = リスク
ctl-col-residual = 残留リスクの値
ctl-col-exception = 例外
ctl-col-scope = 対象範囲
ctl-col-expires = 有効期限
ctl-col-framework = フレームワーク
ctl-col-coverage = 充足状況
ctl-col-requirement = 要求事項
ctl-col-relationship = 関係
ctl-col-implemented = 実施
ctl-col-coverage-given = 充足への寄与
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
ctl-not-in-force = 有効でない文書での言及
ctl-risks-treated = 対応するリスク
ctl-above-appetite = リスク選好を超過
ctl-exceptions-in-force = 有効な例外
ctl-mapped = 他のフレームワークの対応する管理策
ctl-mapped-reversed = （反対側から読んだ項目）
ctl-mapped-implemented = 実施済み
ctl-mapped-not-implemented = 未実施
ctl-mapped-not-applicable = 適用除外
ctl-gives-full = 充足する
ctl-gives-partial = 一部充足する
ctl-soa = 適用宣言書
ctl-soa-organisation = 組織
ctl-soa-standard = 規格
ctl-soa-generated = 生成日
ctl-soa-version = ハンドブックの版
ctl-soa-commit = コミット
ctl-soa-no-vcs = バージョン管理外
ctl-soa-summary = 概要
ctl-soa-summary-text = 適用 { $applicable } 件（うち承認済み文書で実施 { $implemented } 件）、適用除外 { $excluded } 件
ctl-soa-download-xlsx = Excel ブックとしてダウンロード
ctl-soa-download-csv = CSV としてダウンロード
ctl-soa-download-note = （どちらも Excel と LibreOffice で開けます）
ctl-soa-exception-in-force = 有効な例外：
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
ctl-fw-partly = { $mapping }（一部）
ctl-fw-lead-start = 各フレームワークの充足状況を示します。
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
ctl-no-crosswalk = マッピング表は宣言されていません（ismsbook.toml の [[mappings]]）。
ctl-matrix = 文書 × フレームワーク
ctl-matrix-lead = 各文書が挙げる管理策をフレームワーク別に示します。
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
ctl-withdrawn-controls = 廃止された管理策（{ $n }）
ctl-withdrawn-from = { $name } から廃止されました。
ctl-now-part-of = 統合先:
ctl-id-in-documents = 文書での ID
ctl-decided-in = 決定箇所
ctl-derived-note = マッピングから導かれたもので、独自の文書による実施ではありません
ctl-grouping-note = { $id } 自体ではなく、含まれる管理策で数えます
ctl-controls-in = { $id } の管理策

## Risks and exceptions (risks.hbs, risk.hbs, exceptions.hbs)
risk-cell-colon = ：
risk-cell-separator = 、

# リスク対応：risks.yaml（および英語のままの risks.csv）では mitigate, accept, transfer, avoid。
risk-treatment-mitigate = 低減
risk-treatment-accept = 受容
risk-treatment-transfer = 移転
risk-treatment-avoid = 回避
risk-register = リスク登録簿
risk-register-lead = 発生可能性と影響度は 1～{ $scale } で評価します。残留リスクの値（発生可能性 × 影響度）がリスク選好の { $appetite } を超える場合は、承認者を明記したリスク受容が必要です。
risk-count = リスク { $n } 件
risk-above-count = リスク選好超過 { $n } 件
risk-without-acceptance-count = リスク受容なし { $n } 件
risk-review-overdue-count = レビュー期限超過 { $n } 件
risk-inherent-risk = 固有リスク
risk-residual-risk = 残留リスク
risk-heatmap-title = { $title }のヒートマップ
risk-heatmap-desc = 発生可能性は下から上へ 1～{ $scale }、影響度は左から右へ 1～{ $scale }。各セルはその評価のリスク数を示します。表示 { $shown } 件、うちリスク選好 { $appetite } 超過 { $above } 件。
risk-cell-label = 発生可能性 { $l }、影響度 { $i }：{ $n } 件
risk-cell-list = 発生可能性 { $l } × 影響度 { $i }（値 { $score }）
risk-axis-impact = 影響度 →
risk-axis-likelihood = 発生可能性 →
risk-unscored = 発生可能性と影響度が未評価のリスク { $n } 件はマップに表示されていません。
risk-by-cell = セル別のリスク
risk-legend-label = ヒートマップの色
risk-band-half = { $range }：リスク選好の半分以下
risk-band-within = { $range }：リスク選好の範囲内
risk-band-above = { $range }：リスク選好を超過
risk-band-twice = { $range }：リスク選好の 2 倍を超過
risk-legend-outline = 太枠：リスク選好を超過
risk-register-heading = 登録簿
risk-register-order = 残留リスクの値が高い順：対応が必要なものが先頭です。
risk-risk = リスク
risk-owner = リスク所有者
risk-treatment = リスク対応
risk-inherent = 固有
risk-residual = 残留
risk-acceptance = リスク受容
risk-next-review = 次回レビュー
risk-treatment-none = なし
risk-badge-above = リスク選好超過
risk-badge-acceptance-missing = リスク受容なし
risk-badge-acceptance-date-missing = リスク受容日なし
risk-badge-never-reviewed = 未レビュー
risk-register-empty = 登録簿にリスクはありません。
risk-breadcrumb = パンくずリスト
risk-handbook = ハンドブック
risk-assessment = リスクアセスメント
risk-treatment-none-decided = 未決定
risk-inherent-score = 固有リスクの値
risk-residual-score = 残留リスクの値
risk-pair = （発生可能性 { $l } × 影響度 { $i }）
risk-pair-as-inherent = （発生可能性 { $l } × 影響度 { $i }、残留リスク未評価のため固有リスクと同じ）
risk-appetite = リスク選好
risk-last-reviewed = 前回レビュー
risk-review-every = （{ $n } か月ごと）
risk-source = 記載箇所
risk-treatment-controls = リスク対応の管理策
risk-control = 管理策
risk-implementation = 実施状況
risk-implemented-by = 実施文書
risk-badge-unknown-control = 不明な管理策
risk-badge-excluded = 適用除外
risk-more-documents = …ほか { $n } 件：
risk-more-documents-link = 管理策のページを参照
risk-no-approved-document = 承認済みの文書なし
risk-no-controls = リスク対応に管理策の記載がありません。
risk-exceptions-heading = このリスクに関する例外
exc-lead = 管理策からの承認済みの逸脱です。各例外は有効期限日（当日を含む）まで有効です。
exc-count = 例外 { $n } 件
exc-expired-count = 期限切れ { $n } 件
exc-expiring-count = 期限間近 { $n } 件
exc-exception = 例外
exc-controls = 管理策
exc-scope = 対象範囲
exc-reason = 理由
exc-compensating = 補完的管理策
exc-risk = リスク
exc-approved = 承認
exc-expires = 有効期限
exc-badge-not-approved = 未承認
exc-badge-expired = 期限切れ
exc-badge-expiring-today = 本日期限
exc-badge-expiring-in = あと { $n } 日で期限切れ
exc-badge-active = 有効
exc-badge-no-expiry = 有効期限なし
exc-empty = exceptions.yaml に例外はありません。
