# slow: the first build compiles ~40-110 modules (site and stdlib)
# xfail: the samples are encoded with the CJK codecs (shift_jis, euc-kr, gb2312), which CPython writes in C (_codecs_jp, _codecs_kr, _codecs_cn over _multibytecodec): no natives yet, so 'shift_jis'.encode raises LookupError
import chardet
from chardet.universaldetector import UniversalDetector

samples = {
    "ascii": b"plain ascii text only",
    "utf-8": "Grüße aus Köln, ça va? 日本語のテキスト".encode("utf-8"),
    "utf-8-sig": "\ufeffbom text".encode("utf-8"),
    "utf-16": "wide text".encode("utf-16"),
    "shift_jis": "これは日本語の文章です。文字コードを判定します。".encode("shift_jis") * 3,
    "euc-kr": "한국어 텍스트입니다. 인코딩을 감지합니다.".encode("euc-kr") * 3,
    "koi8-r": "Это русский текст для определения кодировки.".encode("koi8-r") * 3,
    "windows-1252": "Café crème brûlée – déjà vu “quotes”".encode("windows-1252") * 3,
    "gb2312": "这是一个中文文本，用于检测编码。".encode("gb2312") * 3,
}
for name, data in samples.items():
    r = chardet.detect(data)
    print(name, "->", r["encoding"], round(r["confidence"], 2), r["language"])
det = UniversalDetector()
for chunk in [samples["utf-8"][:10], samples["utf-8"][10:]]:
    det.feed(chunk)
det.close()
print(det.result["encoding"], chardet.detect_all(samples["koi8-r"])[0]["encoding"])
