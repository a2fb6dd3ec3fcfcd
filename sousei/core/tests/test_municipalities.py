"""Every municipality can be a region: names, kana, English names and prefectures from the
shipped data; a designated city is one region covering its wards."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from sousei.core import municipalities
from sousei.core.models import AuditEntry, Region
from sousei.core.scoping import region_scope
from sousei.core.services import region_create
from sousei.people.services import eligible_address

pytestmark = pytest.mark.django_db


def test_the_data_holds_every_municipality_and_tokyos_special_wards() -> None:
    kinds: dict[str, int] = {}
    for item in municipalities.all_municipalities():
        kinds[item.kind] = kinds.get(item.kind, 0) + 1
    # 総務省: 792 cities (20 of them designated), 743 towns, 183 villages, 23 special wards.
    assert kinds == {
        "city": 772,
        "designated_city": 20,
        "town": 743,
        "village": 183,
        "special_ward": 23,
    }
    assert len({item.prefecture for item in municipalities.all_municipalities()}) == 47


@pytest.mark.parametrize(
    ("code", "prefecture", "name_ja", "kana", "name_en", "slug"),
    [
        ("47382", "沖縄県", "与那国町", "ヨナグニチョウ", "Yonaguni Town", "yonaguni"),
        ("40130", "福岡県", "福岡市", "フクオカシ", "Fukuoka City", "fukuoka"),
        ("13101", "東京都", "千代田区", "チヨダク", "Chiyoda City", "chiyoda"),
        ("40223", "福岡県", "古賀市", "コガシ", "Koga City", "koga"),
        ("10344", "群馬県", "榛東村", "シントウムラ", "Shinto Village", "shinto"),
        ("14150", "神奈川県", "相模原市", "サガミハラシ", "Sagamihara City", "sagamihara"),
        ("19208", "山梨県", "南アルプス市", "ミナミアルプスシ", "Minami-Alps City", "minami-alps"),
    ],
)
def test_a_region_is_created_with_its_names(
    code: str, prefecture: str, name_ja: str, kana: str, name_en: str, slug: str
) -> None:
    region = region_create(code=code)
    assert (region.prefecture, region.name_ja, region.name_kana, region.name_en) == (
        prefecture,
        name_ja,
        kana,
        name_en,
    )
    assert region.slug == slug
    with region_scope(region):
        assert AuditEntry.objects.filter(region=region, action="region.create").count() == 1


# One town in every prefecture (the first by code), with its reading and English name.
TOWNS = [
    ("01303", "北海道", "当別町", "トウベツチョウ", "Tobetsu Town"),
    ("02301", "青森県", "平内町", "ヒラナイマチ", "Hiranai Town"),
    ("03301", "岩手県", "雫石町", "シズクイシチョウ", "Shizukuishi Town"),
    ("04301", "宮城県", "蔵王町", "ザオウマチ", "Zao Town"),
    ("05303", "秋田県", "小坂町", "コサカマチ", "Kosaka Town"),
    ("06301", "山形県", "山辺町", "ヤマノベマチ", "Yamanobe Town"),
    ("07301", "福島県", "桑折町", "コオリマチ", "Koori Town"),
    ("08302", "茨城県", "茨城町", "イバラキマチ", "Ibaraki Town"),
    ("09301", "栃木県", "上三川町", "カミノカワマチ", "Kaminokawa Town"),
    ("10345", "群馬県", "吉岡町", "ヨシオカマチ", "Yoshioka Town"),
    ("11301", "埼玉県", "伊奈町", "イナマチ", "Ina Town"),
    ("12322", "千葉県", "酒々井町", "シスイマチ", "Shisui Town"),
    ("13303", "東京都", "瑞穂町", "ミズホマチ", "Mizuho Town"),
    ("14301", "神奈川県", "葉山町", "ハヤママチ", "Hayama Town"),
    ("15307", "新潟県", "聖籠町", "セイロウマチ", "Seiro Town"),
    ("16322", "富山県", "上市町", "カミイチマチ", "Kamiichi Town"),
    ("17324", "石川県", "川北町", "カワキタマチ", "Kawakita Town"),
    ("18322", "福井県", "永平寺町", "エイヘイジチョウ", "Eiheiji Town"),
    ("19346", "山梨県", "市川三郷町", "イチカワミサトチョウ", "Ichikawamisato Town"),
    ("20303", "長野県", "小海町", "コウミマチ", "Koumi Town"),
    ("21302", "岐阜県", "岐南町", "ギナンチョウ", "Ginan Town"),
    ("22301", "静岡県", "東伊豆町", "ヒガシイズチョウ", "Higashiizu Town"),
    ("23302", "愛知県", "東郷町", "トウゴウチョウ", "Togo Town"),
    ("24303", "三重県", "木曽岬町", "キソサキチョウ", "Kisosaki Town"),
    ("25383", "滋賀県", "日野町", "ヒノチョウ", "Hino Town"),
    ("26303", "京都府", "大山崎町", "オオヤマザキチョウ", "Oyamazaki Town"),
    ("27301", "大阪府", "島本町", "シマモトチョウ", "Shimamoto Town"),
    ("28301", "兵庫県", "猪名川町", "イナガワチョウ", "Inagawa Town"),
    ("29342", "奈良県", "平群町", "ヘグリチョウ", "Heguri Town"),
    ("30304", "和歌山県", "紀美野町", "キミノチョウ", "Kimino Town"),
    ("31302", "鳥取県", "岩美町", "イワミチョウ", "Iwami Town"),
    ("32343", "島根県", "奥出雲町", "オクイズモチョウ", "Okuizumo Town"),
    ("33346", "岡山県", "和気町", "ワケチョウ", "Wake Town"),
    ("34302", "広島県", "府中町", "フチュウチョウ", "Fuchu Town"),
    ("35305", "山口県", "周防大島町", "スオウオオシマチョウ", "Suo-Oshima Town"),
    ("36301", "徳島県", "勝浦町", "カツウラチョウ", "Katsuura Town"),
    ("37322", "香川県", "土庄町", "トノショウチョウ", "Tonosho Town"),
    ("38356", "愛媛県", "上島町", "カミジマチョウ", "Kamijima Town"),
    ("39301", "高知県", "東洋町", "トウヨウチョウ", "Toyo Town"),
    ("40341", "福岡県", "宇美町", "ウミマチ", "Umi Town"),
    ("41327", "佐賀県", "吉野ヶ里町", "ヨシノガリチョウ", "Yoshinogari Town"),
    ("42307", "長崎県", "長与町", "ナガヨチョウ", "Nagayo Town"),
    ("43348", "熊本県", "美里町", "ミサトマチ", "Misato Town"),
    ("44341", "大分県", "日出町", "ヒジマチ", "Hiji Town"),
    ("45341", "宮崎県", "三股町", "ミマタチョウ", "Mimata Town"),
    ("46392", "鹿児島県", "さつま町", "サツマチョウ", "Satsuma Town"),
    ("47308", "沖縄県", "本部町", "モトブチョウ", "Motobu Town"),
]


@pytest.mark.parametrize(("code", "prefecture", "name_ja", "kana", "name_en"), TOWNS)
def test_a_town_in_every_prefecture(
    code: str, prefecture: str, name_ja: str, kana: str, name_en: str
) -> None:
    region = region_create(code=code)
    assert (region.prefecture, region.name_ja, region.name_kana, region.name_en) == (
        prefecture,
        name_ja,
        kana,
        name_en,
    )


def test_the_sample_covers_every_prefecture() -> None:
    assert len({prefecture for _code, prefecture, *_rest in TOWNS}) == 47


@pytest.mark.parametrize(
    ("code", "name_en"),
    [
        ("12218", "Katsuura City"),  # 勝浦: katsu-ura, not a long u
        ("33212", "Setouchi City"),  # 瀬戸内
        ("01642", "Hiroo Town"),  # 広尾
        ("28209", "Toyooka City"),  # 豊岡
        ("07209", "Soma City"),  # 相馬: ソウ is one long vowel
        ("40219", "Onojo City"),  # 大野城
        ("28586", "Shin'onsen Town"),  # 新温泉
        ("11216", "Hanyu City"),  # 羽生
    ],
)
def test_long_vowels_shorten_only_inside_one_kanji(code: str, name_en: str) -> None:
    found = municipalities.municipality(code)
    assert found is not None
    assert found.name_en == name_en


def test_an_east_ward_postal_code_is_eligible_for_fukuoka_city() -> None:
    fukuoka = region_create(code="40130")
    address = eligible_address(fukuoka, "813-0011")  # 福岡市東区香椎
    assert (address.city, address.municipality_code) == ("福岡市東区", "40131")
    with pytest.raises(ValidationError, match="古賀市"):
        eligible_address(fukuoka, "811-3101")  # 古賀市天神


def test_a_ward_code_is_refused_naming_its_city() -> None:
    with pytest.raises(ValidationError) as caught:
        region_create(code="40131")
    assert "40130" in " ".join(caught.value.messages)
    assert not Region.objects.exists()


def test_municipalities_are_found_by_name_kana_english_or_code() -> None:
    assert [m.code for m in municipalities.municipality_search("与那国")] == ["47382"]
    assert municipalities.municipality_search("yonaguni")[0].code == "47382"
    assert municipalities.municipality_search("ヨナグニ")[0].code == "47382"
    assert municipalities.municipality_search("福岡市")[0].code == "40130"
    assert "40223" in [m.code for m in municipalities.municipality_search("こが")]
    assert "13101" in [m.code for m in municipalities.municipality_search("Chiyoda")]
    assert municipalities.municipality_search("40223")[0].name_ja == "古賀市"
    assert municipalities.municipality_search("  ") == []


def test_the_find_command_prints_codes_and_create_region_takes_a_designated_city() -> None:
    out = StringIO()
    call_command("find_municipality", "与那国", stdout=out)
    assert "47382" in out.getvalue()
    assert "Yonaguni Town" in out.getvalue()
    call_command("create_region", "40130", stdout=out)
    assert "福岡市" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("find_municipality", "存在しない町名", stdout=out)
