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
doc-owners-lead = 各文書の責任者と、その責任者が行うべきレビュー。
doc-owners-overdue = { $n } 件期限超過
doc-owners-due-soon = { $n } 件期限間近
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
doc-ics-review = レビュー: { $id } { $title }
doc-ics-category-review = ISMSレビュー
doc-ics-exception = 例外 { $id } の期限: { $title }
doc-ics-exception-text = 例外の有効期間の最終日です。新しい期限と承認で更新するか、終了してください。
doc-ics-category-exception = ISMS例外
doc-ics-scope = 適用範囲
doc-ics-approver = 承認者
doc-ics-file = ファイル
# 印刷版 (print.hbs, print-document.hbs)
doc-print-title = { $title }（印刷版）
doc-print-page-title = ハンドブック印刷版
doc-print-isms = 情報セキュリティマネジメントシステム
doc-print-generated = 生成日
doc-print-commit = コミット
doc-print-no-vcs = バージョン管理されていません
doc-print-shown = 表示
doc-print-contents = 収録内容
doc-print-toc = 目次
doc-print-contents-text = 承認済みのすべての文書と適用宣言書
doc-print-back = ハンドブックに戻る
doc-print-hint = ブラウザーの印刷機能で PDF に保存できます。
doc-print-soa = 適用宣言書
doc-print-control = 管理策
doc-print-applicable = 適用
doc-print-justification = 根拠
doc-print-implemented-by = 実施文書
doc-print-yes = はい
doc-print-no = いいえ
doc-print-exception = 適用中の例外
doc-print-approved = 承認
doc-print-reviewed = レビュー
doc-print-reviewed-next = { $last }（次回 { $next }）

## Controls, SoA and frameworks (controls.hbs, control.hbs, soa.hbs, framework*.hbs, matrix.hbs, soa.csv/xlsx)

## Risks and exceptions (risks.hbs, risk.hbs, exceptions.hbs)
