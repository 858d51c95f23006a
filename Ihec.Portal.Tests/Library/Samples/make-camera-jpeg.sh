#!/bin/sh
# Makes camera.jpg: a small JPEG carrying what a phone or camera writes (EXIF/TIFF with make, model, serial number,
# date, GPS and an embedded thumbnail; XMP; IPTC in a Photoshop APP13 block; a comment). Debian packages:
# apt-get install imagemagick libimage-exiftool-perl
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
convert -size 48x32 gradient:'#c03020-#2050d0' -quality 85 -sampling-factor 2x2 "$tmp/camera.jpg"
convert "$tmp/camera.jpg" -resize 16x11 -quality 70 -strip "$tmp/thumb.jpg"
exiftool -q -overwrite_original \
  -EXIF:Make="Canon" -EXIF:Model="Canon EOS 250D" -EXIF:SerialNumber="083021004242" -EXIF:DateTimeOriginal="2025:11:11 14:32:07" \
  -EXIF:Artist="Observer Tammuz" \
  -GPSLatitude=33.315241 -GPSLatitudeRef=N -GPSLongitude=44.366129 -GPSLongitudeRef=E -GPSAltitude=41 -GPSAltitudeRef=0 \
  -XMP-dc:Creator="Observer Tammuz" -XMP-exif:GPSLatitude="33.315241 N" -XMP-exif:GPSLongitude="44.366129 E" -XMP-tiff:Model="Canon EOS 250D" \
  -IPTC:By-line="Observer Tammuz" -IPTC:City="Baghdad" -IPTC:Sub-location="Polling station 110203" \
  -IPTC:Caption-Abstract="Queue outside the polling station" \
  -Comment="taken at the polling station" \
  "-ThumbnailImage<=$tmp/thumb.jpg" \
  "$tmp/camera.jpg"
mv "$tmp/camera.jpg" camera.jpg
rm -r "$tmp"
exiftool -G1 -a camera.jpg
