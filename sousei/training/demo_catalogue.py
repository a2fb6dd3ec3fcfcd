"""The demo's course catalogue: real partner tools, their vendors, skills and six
realistic courses in Japanese (data only; training/demo.py seeds it through the services)."""

from __future__ import annotations

from dataclasses import dataclass

from sousei.training.models import ToolCategory

# --- the catalogue ---------------------------------------------------------------------


@dataclass(frozen=True)
class Vendor:
    name: str
    name_en: str
    website: str


MICROSOFT = Vendor(
    "日本マイクロソフト株式会社",
    "Microsoft Japan (Power Automate)",
    "https://www.microsoft.com/ja-jp/",
)
# product name → (vendor, category)
TOOLS: dict[str, tuple[Vendor, str]] = {
    "UiPath Studio": (
        Vendor("UiPath株式会社", "UiPath (UiPath)", "https://www.uipath.com/ja"),
        ToolCategory.RPA,
    ),
    "WinActor": (
        Vendor("NTTアドバンステクノロジ株式会社", "NTT-AT (WinActor)", "https://winactor.biz/"),
        ToolCategory.RPA,
    ),
    "Power Automate Desktop": (MICROSOFT, ToolCategory.RPA),
    "kintone": (
        Vendor("サイボウズ株式会社", "Cybozu (kintone)", "https://kintone.cybozu.co.jp/"),
        ToolCategory.NO_CODE,
    ),
    "AppSheet": (
        Vendor("Google合同会社", "Google Japan (AppSheet)", "https://about.google/intl/ja/"),
        ToolCategory.NO_CODE,
    ),
    "Power Apps": (MICROSOFT, ToolCategory.LOW_CODE),
}

# code → (Japanese, English)
SKILLS = {
    "rpa.uipath": ("UiPath によるRPA開発", "RPA development with UiPath"),
    "rpa.winactor": ("WinActor によるRPA開発", "RPA development with WinActor"),
    "rpa.pad": ("Power Automate Desktop による自動化", "Automation with Power Automate Desktop"),
    "nocode.kintone": ("kintone アプリ開発", "kintone app building"),
    "nocode.appsheet": ("AppSheet アプリ開発", "AppSheet app building"),
    "lowcode.powerapps": ("Power Apps アプリ開発", "Power Apps development"),
    "biz.workflow-design": ("業務フローの分析・設計", "Business workflow analysis and design"),
    "data.excel": ("Excel によるデータ処理", "Data processing in Excel"),
    "data.modeling": ("業務データの設計", "Business data modelling"),
}


@dataclass(frozen=True)
class CourseSpec:
    key: str
    title: str
    product: str
    description: str
    modules: tuple[tuple[str, int, str], ...]  # (title, hours, what the learner can do after)
    skills: tuple[tuple[str, int], ...]  # (skill code, level 1–4)
    pass_mark: int = 70


COURSES = (
    CourseSpec(
        "uipath",
        "UiPath RPA 実践コース",
        "UiPath Studio",
        "UiPath Studio で事務作業を自動化するロボット（RPA）を設計・開発・運用できるように"
        "なるコースです。Excel・メール・業務システムの操作を自動化し、最後は請求書処理ロボットを"
        "一人で作り上げます。修了後は RPA 開発案件への参画を目指します。",
        (
            (
                "RPAの基礎と業務自動化の考え方",
                12,
                "自動化に向く業務を見極め、導入効果を説明できる",
            ),
            (
                "UiPath Studio の基本操作とワークフロー設計",
                20,
                "シーケンスとフローチャートを使い分けてワークフローを作れる",
            ),
            (
                "変数・引数・制御フロー",
                20,
                "条件分岐と繰り返しを含む処理を、変数と引数で組み立てられる",
            ),
            (
                "UI操作の自動化とセレクター",
                24,
                "安定したセレクターで業務アプリの画面操作を自動化できる",
            ),
            (
                "Excel・メール・PDFの自動化",
                24,
                "Excel集計、メール送信、PDFからのデータ抽出を自動化できる",
            ),
            (
                "例外処理・ログ・デバッグ",
                20,
                "止まらないロボットを作り、ログから原因を突き止められる",
            ),
            (
                "REFramework による本番運用設計",
                20,
                "再実行できるトランザクション処理を REFramework で設計できる",
            ),
            (
                "総合演習：請求書処理ロボットの開発",
                20,
                "要件の確認から納品まで、実案件に近いロボットを一人で開発できる",
            ),
        ),
        (("rpa.uipath", 3), ("biz.workflow-design", 2), ("data.excel", 2)),
    ),
    CourseSpec(
        "winactor",
        "WinActor 業務自動化コース",
        "WinActor",
        "国産RPAツール WinActor で、画面操作の記録とフローチャートによるシナリオ作成を学びます。"
        "自治体や地域企業に多い定型業務（データ転記・帳票作成）の自動化を、保守しやすい形で"
        "作れるようになります。",
        (
            (
                "WinActor の概要とシナリオ作成の流れ",
                12,
                "シナリオ作成から実行までの流れを説明し、簡単なシナリオを動かせる",
            ),
            ("ノードとライブラリの基本", 20, "主なノードとライブラリを目的に応じて選べる"),
            (
                "画面操作の記録とエミュレーション",
                20,
                "記録した操作を手直しし、安定して動くシナリオにできる",
            ),
            ("変数・分岐・繰り返し", 20, "変数と分岐・繰り返しで、件数の変わる処理を組める"),
            ("Excel・ブラウザ連携", 24, "Excel とブラウザの間のデータ転記を自動化できる"),
            (
                "エラー処理と保守しやすいシナリオ設計",
                20,
                "エラー時の動きを決め、他の人が直せるシナリオを書ける",
            ),
            (
                "総合演習：受発注データ転記の自動化",
                24,
                "受発注業務の転記作業を、業務担当者と確認しながら自動化できる",
            ),
        ),
        (("rpa.winactor", 3), ("biz.workflow-design", 2), ("data.excel", 1)),
    ),
    CourseSpec(
        "pad",
        "Power Automate Desktop 業務効率化コース",
        "Power Automate Desktop",
        "Windows に標準搭載の Power Automate Desktop で、身近なパソコン作業を自動化します。"
        "Excel 集計やファイル整理、Web からのデータ取得など、月次業務をまるごと自動化する力を"
        "身につけます。",
        (
            (
                "Power Automate Desktop の導入と基本操作",
                12,
                "フローを作成・実行・保存し、実行結果を確かめられる",
            ),
            (
                "フローの作成：変数・条件・ループ",
                20,
                "変数・条件・ループを使ったフローを組み立てられる",
            ),
            (
                "Excel・ファイル・フォルダー操作の自動化",
                24,
                "複数の Excel ファイルの集計とファイル整理を自動化できる",
            ),
            (
                "Web ブラウザとデスクトップアプリの操作",
                24,
                "Web サイトや業務アプリからのデータ取得・入力を自動化できる",
            ),
            (
                "エラー処理とサブフローによる構造化",
                16,
                "サブフローに分け、エラーが起きても後処理を確実に行える",
            ),
            (
                "総合演習：月次集計レポートの自動作成",
                24,
                "月次レポート作成の一連の作業を一つのフローにまとめられる",
            ),
        ),
        (("rpa.pad", 2), ("data.excel", 2)),
    ),
    CourseSpec(
        "kintone",
        "kintone 業務アプリ開発コース",
        "kintone",
        "サイボウズの kintone で、プログラミングなしに業務アプリを作り、現場の業務改善を進め"
        "られるようになるコースです。顧客管理・案件管理などのアプリ設計、プロセス管理、権限設計、"
        "データ移行まで扱います。",
        (
            ("kintone の基本とアプリ作成", 12, "テンプレートと Excel から業務アプリを作れる"),
            (
                "フィールド設計とフォームレイアウト",
                18,
                "入力しやすく集計しやすいフォームを設計できる",
            ),
            ("一覧・グラフ・集計", 18, "目的別の一覧とグラフで業務の状況を見える化できる"),
            ("プロセス管理と通知", 18, "申請・承認の流れをプロセス管理と通知で組める"),
            ("アクセス権とスペース運用", 16, "部署や役割に合わせたアクセス権を設定できる"),
            (
                "ルックアップと関連レコードによるアプリ連携",
                20,
                "複数のアプリをつなぎ、二重入力をなくせる",
            ),
            (
                "CSV 読み込みとデータ移行",
                18,
                "既存の Excel・CSV のデータを整えて移行できる",
            ),
            (
                "総合演習：顧客・案件管理アプリの構築",
                30,
                "ヒアリングから運用開始まで、業務アプリ一式を構築できる",
            ),
        ),
        (("nocode.kintone", 3), ("data.modeling", 2), ("biz.workflow-design", 2)),
    ),
    CourseSpec(
        "appsheet",
        "AppSheet ノーコードアプリ開発コース",
        "AppSheet",
        "Google の AppSheet で、スプレッドシートのデータからスマートフォンで使える業務アプリを"
        "作ります。点検・在庫・日報など、現場の紙と Excel をアプリに置き換える力を身につけます。",
        (
            (
                "AppSheet の基本とスプレッドシートからのアプリ作成",
                14,
                "スプレッドシートから動くアプリを作り、共有できる",
            ),
            (
                "データ設計とテーブルのリレーション",
                20,
                "複数のテーブルを関連づけたデータ構造を設計できる",
            ),
            ("ビューと UX の設計", 20, "現場で使いやすい一覧・詳細・入力画面を作れる"),
            (
                "アクションとオートメーション",
                24,
                "ボタン操作や定期処理で、通知や帳票作成を自動化できる",
            ),
            (
                "セキュリティフィルターとユーザー権限",
                16,
                "利用者ごとに見えるデータと操作を制限できる",
            ),
            (
                "総合演習：現場点検アプリの開発",
                26,
                "写真・位置情報つきの点検アプリを現場の声を聞いて作れる",
            ),
        ),
        (("nocode.appsheet", 2), ("data.modeling", 2)),
    ),
    CourseSpec(
        "powerapps",
        "Power Apps ローコード開発コース",
        "Power Apps",
        "Microsoft Power Apps と Power Automate で、申請・承認などの社内業務アプリを開発する"
        "ローコード開発者を目指すコースです。Power Fx の数式、データ接続、クラウドフロー連携、"
        "公開と運用管理まで学びます。",
        (
            (
                "Power Platform の全体像と Power Apps の基本",
                12,
                "Power Platform の製品を使い分け、簡単なアプリを作れる",
            ),
            ("キャンバスアプリの画面設計", 20, "画面遷移と入力フォームを設計できる"),
            ("Power Fx の関数と数式", 24, "Power Fx で計算・検索・入力チェックを書ける"),
            (
                "データ接続：SharePoint と Dataverse",
                20,
                "業務データの置き場所を選び、アプリから読み書きできる",
            ),
            (
                "フォームとギャラリーによるデータ入力",
                18,
                "一覧から選んで編集する画面を組み立てられる",
            ),
            (
                "Power Automate クラウドフローとの連携",
                20,
                "承認や通知をクラウドフローで自動化できる",
            ),
            ("モデル駆動型アプリの基礎", 16, "Dataverse のテーブルから管理画面を作れる"),
            ("セキュリティとアプリの共有", 12, "役割に応じてアプリとデータを安全に共有できる"),
            ("テスト・公開・運用管理", 14, "アプリを検証して公開し、改修を管理できる"),
            (
                "総合演習：申請・承認アプリの開発",
                24,
                "申請から承認・通知までの業務アプリを一人で開発できる",
            ),
        ),
        (("lowcode.powerapps", 3), ("data.modeling", 2), ("biz.workflow-design", 2)),
        pass_mark=75,
    ),
)
