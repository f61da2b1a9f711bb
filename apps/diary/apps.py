from django.apps import AppConfig


class DiaryConfig(AppConfig):
    name = "apps.diary"
    label = "diary"
    verbose_name = "Lump diary"

    def ready(self) -> None:
        from apps.diary.your_data import KEPT
        from apps.phones import kept

        kept.register(*KEPT)
