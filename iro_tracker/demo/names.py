"""Invented names for the demo local authority.

Common English first names by sex and common surnames, combined at random: no combination is
meant to be, or to describe, a real person. Unaccompanied children get first names common in
the countries most UASC in England came from, again combined at random.
"""

from __future__ import annotations

import random

FIRST_NAMES_MALE = (
    "Aaron Adam Aiden Alex Alfie Archie Arthur Ben Billy Bobby Callum Charlie Connor Daniel"
    " Dexter Dylan Edward Elliot Ethan Finley Freddie Frankie George Harley Harry Harvey"
    " Henry Isaac Jack Jacob Jake Jamie Jayden Joe Joel Jordan Joseph Josh Kai Kian Leo"
    " Lewis Liam Logan Louie Luca Lucas Luke Mason Max Michael Nathan Noah Oliver Ollie"
    " Oscar Owen Reece Reggie Riley Ryan Sam Sebastian Stanley Taylor Theo Thomas Toby"
    " Tommy Tyler Will Zach"
).split()

FIRST_NAMES_FEMALE = (
    "Abbie Abigail Alice Amber Amelia Amy Ava Bella Bethany Brooke Chelsea Chloe Courtney"
    " Daisy Demi Eden Eleanor Ella Ellie Elsie Emily Emma Erin Esme Evie Faith Freya Georgia"
    " Grace Gracie Hannah Harriet Hollie Imogen Isabelle Isla Jade Jasmine Jessica Kayla"
    " Keira Lacey Lauren Layla Leah Lexi Lily Lola Lucy Maddison Maisie Megan Mia Millie"
    " Molly Nicole Olivia Paige Phoebe Poppy Rebecca Rosie Ruby Scarlett Shannon Sienna"
    " Sophie Summer Tia Willow Zara"
).split()

# First names for unaccompanied young people (mostly boys aged 15-17 from Afghanistan,
# Eritrea, Sudan, Iran, Albania and Vietnam in England's UASC figures).
FIRST_NAMES_UASC_MALE = (
    "Abdul Ahmad Ali Amanuel Arash Aziz Bereket Dawit Elias Ermal Fitsum Habib Hamid Hassan"
    " Hung Idris Jamal Karim Khalid Mehdi Mohammed Mustafa Nasir Omar Reza Samir Tesfay"
    " Yonas Yusuf Zaki"
).split()

FIRST_NAMES_UASC_FEMALE = "Aster Hana Helen Leila Mariam Nadia Selam Senait Yordanos Zahra".split()

# Adults (staff, social workers): names common among people born 1960-1995.
ADULT_NAMES_MALE = (
    "Andrew Anthony Chris David Gary Graham Ian James Jason Jonathan Kevin Mark Martin Matthew"
    " Neil Nick Paul Peter Richard Rob Simon Steve Stuart Tim Tom Wayne"
).split()

ADULT_NAMES_FEMALE = (
    "Alison Amanda Angela Caroline Catherine Claire Clare Donna Emma Fiona Gemma Hayley Helen"
    " Jackie Jane Jennifer Joanne Julie Karen Kate Kerry Laura Lisa Louise Michelle Natalie"
    " Nicola Rachel Rebecca Sally Sarah Sharon Stephanie Susan Tracey Vicky"
).split()

SURNAMES = (
    "Adams Allen Armstrong Atkinson Bailey Baker Barker Barnes Bell Bennett Brooks Brown"
    " Burton Butler Carter Chapman Clark Clarke Cole Collins Cook Cooper Cox Davies Davis"
    " Dawson Dixon Edwards Elliott Evans Fisher Fletcher Foster Fox Gibson Graham Grant"
    " Gray Green Griffiths Hall Harris Harrison Hart Hill Holmes Hopkins Hughes Hunt Hunter"
    " Jackson James Jenkins Johnson Jones Kelly Kennedy King Knight Lane Lawrence Lee Lewis"
    " Lloyd Marshall Martin Mason Matthews Miller Mills Mitchell Moore Morgan Morris Murphy"
    " Murray Owen Palmer Parker Payne Pearce Perry Phillips Porter Powell Price Reid"
    " Reynolds Richards Richardson Roberts Robinson Rogers Rose Russell Saunders Scott Shaw"
    " Simpson Smith Spencer Stevens Stone Taylor Thomas Thompson Turner Walker Wallace Ward"
    " Watson Webb Wells West White Wilkinson Williams Wilson Wood Woods Wright Young"
).split()

SURNAMES_UASC = (
    "Ahmadi Alemu Amini Berhane Ghebre Haile Hakimi Hosseini Karimi Kidane Mohamadi Nguyen"
    " Noori Osman Rahimi Rezaei Sadiqi Tesfaye Tran Yousef"
).split()


def first_name(rng: random.Random, sex: str, uasc: bool = False) -> str:
    """A random first name for ``sex`` ("M" or "F")."""
    if uasc:
        return rng.choice(FIRST_NAMES_UASC_MALE if sex == "M" else FIRST_NAMES_UASC_FEMALE)
    return rng.choice(FIRST_NAMES_MALE if sex == "M" else FIRST_NAMES_FEMALE)


def surname(rng: random.Random, uasc: bool = False) -> str:
    """A random surname."""
    return rng.choice(SURNAMES_UASC if uasc else SURNAMES)


def full_name(rng: random.Random, sex: str | None = None) -> tuple[str, str]:
    """A random (first name, surname) for an adult, e.g. a member of staff or social worker."""
    sex = sex or rng.choice("MF")
    return rng.choice(ADULT_NAMES_MALE if sex == "M" else ADULT_NAMES_FEMALE), surname(rng)
