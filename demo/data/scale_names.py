"""Names for the volume data of ``manage.py seed_scale``: Polish surnames and first names, most
common first, with weights of roughly the shape of the PESEL register's frequency lists (Nowak
about eight times as common as the hundredth surname, a long tail after that).

Surnames are in their masculine form; ``demo.people.surname_for`` gives the feminine one
(Kowalski → Kowalska, Czarnecki → Czarnecka, Nowak → Nowak).
"""

from __future__ import annotations

SURNAMES = """
Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak
Dąbrowski Kozłowski Jankowski Mazur Wojciechowski Kwiatkowski Krawczyk Kaczmarek Piotrowski Grabowski
Zając Pawłowski Michalski Król Wieczorek Jabłoński Wróbel Nowakowski Majewski Olszewski
Jaworski Stępień Malinowski Adamczyk Dudek Nowicki Pawlak Górski Witkowski Walczak
Sikora Baran Rutkowski Michalak Szewczyk Ostrowski Tomaszewski Pietrzak Zalewski Wróblewski
Marciniak Jasiński Zawadzki Bąk Jakubowski Sadowski Duda Włodarczyk Wilk Chmielewski
Borkowski Sokołowski Szczepański Sawicki Lis Kucharski Mazurek Kubiak Kalinowski Wysocki
Czarnecki Kołodziej Urbański Kaźmierczak Sobczak Konieczny Głowacki Zakrzewski Krajewski Krupa
Adamski Wasilewski Sikorski Laskowski Ziółkowski Gajewski Mróz Brzeziński Szulc Makowski
Czerwiński Kaczmarczyk Baranowski Ostrowski Przybylski Szymczak Cieślak Gołębiowski Zawada Michalik
Andrzejewski Kubacki Wójtowicz Kurek Sobczyk Błaszczyk Kasprzak Wawrzyniak Kozieł Czajka
Jakubiak Kołodziejczyk Chojnacki Leśniak Kowalewski Marczak Bielecki Tomczak Mikołajczyk Banaś
Szczepaniak Kaczor Sowa Zieliński Czarny Wolny Kurowski Milczarek Żak Żurawski
Rogalski Grzelak Kędzierski Szczęsny Wrona Kasprzyk Kowalik Kołek Piątek Domański
Bednarek Kubicki Lipiński Wojciechowicz Urban Dziedzic Górecki Pająk Cichocki Fijałkowski
Bielski Matuszewski Szczepanik Maciejewski Kozak Kurzawa Tomczyk Nowacki Łuczak Siwiec
Przybysz Lach Bartczak Dobrowolski Kania Bogusz Kalisz Kwiatek Ryba Sobolewski
Frankowski Szymczyk Wilczyński Tokarski Stachowiak Szewczak Pietrzyk Rybak Sowiński Dziedzicki
Marek Szostak Olejnik Grzybowski Kamiński Kubiak Mazurkiewicz Kaczyński Lesiak Piekarski
Gutowski Kowal Szczygieł Zając Ciesielski Zięba Krawiec Stasiak Radomski Markowski
Kopeć Jurek Sobieraj Gąsior Sosnowski Marszałek Łukasik Walczyk Czyż Ziemba
Pałka Wrzesiński Kuczyński Wiśniewski Bukowski Jędrzejewski Kot Pawlik Rogowski Buczek
Kubik Jastrzębski Zych Chmiel Głowacz Skowroński Drozd Bieniek Kozioł Krzemiński
Tkaczyk Filipek Rutka Cieśla Gil Kuś Nowaczyk Bednarski Słowik Szczerba
Chrzanowski Kołakowski Kozik Dziuba Nawrocki Bartkowiak Janik Stańczyk Sokół Wawrzyniec
Mikulski Krawczak Matusiak Śliwiński Czech Żukowski Kowalewicz Dobrzański Augustyniak Rudnicki
Kuźniar Ciechanowski Michałowski Gołąb Śliwa Rybicki Łukaszewski Łazarczyk Grabiec Nowosielski
Domagała Kaczmarski Żmuda Rzepka Wasiak Sroka Świątek Wiatr Mielczarek Ptak
Kotowski Kulesza Bielawski Madej Kmieć Borowski Janicki Kaczorowski Skiba Gajda
Formela Konkol Kreft Labuda Miotk Kąkol Pyka Kocur Ochman Widera
Kandzia Wałach Szymura Gawlik Jurczyk Kmiecik Łebek Bednarczyk Ryszka Kubala
Pawlus Mrozek Hulbój Kasperek Szczotka Trzebiatowski Kotłowski Stawicki Gałązka Ślusarczyk
Żebrowski Dąbek Pióro Gołaś Ćwikliński Łęcki Ślęzak Żyła Źrałek Wąsik
"""

FEMALE_NAMES = """
Anna Maria Katarzyna Małgorzata Agnieszka Barbara Ewa Krystyna Elżbieta Magdalena
Joanna Zofia Aleksandra Monika Teresa Danuta Natalia Julia Karolina Marta
Beata Dorota Halina Jadwiga Janina Grażyna Jolanta Irena Iwona Alicja
Justyna Paulina Bożena Urszula Renata Agata Sylwia Helena Patrycja Wiktoria
Zuzanna Hanna Izabela Emilia Weronika Martyna Kamila Ewelina Wanda Stanisława
Łucja Gabriela Dominika Klaudia Oliwia Jagoda Bogumiła Żaneta Ludmiła Józefa
"""

MALE_NAMES = """
Piotr Krzysztof Andrzej Tomasz Paweł Jan Michał Marcin Stanisław Jakub
Adam Marek Łukasz Grzegorz Mateusz Wojciech Mariusz Dariusz Zbigniew Jerzy
Maciej Rafał Robert Kamil Józef Janusz Kacper Jacek Kazimierz Tadeusz
Artur Ryszard Szymon Bartosz Daniel Sławomir Henryk Patryk Damian Przemysław
Dawid Mirosław Roman Karol Sebastian Antoni Filip Adrian Zdzisław Mikołaj
Bogdan Leszek Władysław Arkadiusz Wiesław Czesław Bartłomiej Zenon Dominik Błażej
"""


def _ranked(words: str, exponent: float) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """The names once each, in the order of the list, with weights falling as ``rank ** -exponent``."""
    names = tuple(dict.fromkeys(words.split()))
    return names, tuple((rank + 1) ** -exponent for rank in range(len(names)))


SURNAME_CHOICES = _ranked(SURNAMES, 0.55)
FEMALE_NAME_CHOICES = _ranked(FEMALE_NAMES, 0.8)
MALE_NAME_CHOICES = _ranked(MALE_NAMES, 0.8)
